package jm.cli.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import jm.cli.common.BitcoinSettings;
import jm.cli.common.ConfigException;
import jm.cli.common.JmConfig;
import jm.cli.common.NetworkSettings;
import jm.cli.common.TorSettings;
import jm.cli.common.WalletSettings;
import jm.cli.directory.StartDirectoryCommand;
import jm.cli.maker.MakerSettingsReader;
import jm.cli.taker.TakerSettings;
import jm.core.Network;
import picocli.CommandLine;

/**
 * Which configured values no command would accept: every section is read by the same readers the
 * commands use (so the rules cannot drift apart), and each key they reject is set aside and the
 * reading repeated, so one run finds every invalid key, not only the first.
 */
public final class ConfigCheck {
    /** Key id under which a problem not tied to one key is reported. */
    public static final String GENERAL = "";

    private ConfigCheck() {
    }

    /**
     * The invalid keys of {@code config}: {@code section.key} (the NG name) to the message a
     * command would stop with; {@link #GENERAL} for a problem not tied to one key.
     */
    public static Map<String, String> problems(JmConfig config, Path dataDir) {
        Map<String, String> out = new LinkedHashMap<>();
        JmConfig current = config;
        while (true) {
            try {
                readEverySection(current, dataDir);
                return out;
            } catch (ConfigException e) {
                Optional<String[]> key = e.key();
                String id = key.map(k -> k[0] + "." + k[1]).orElse(GENERAL);
                if (key.isEmpty() || out.containsKey(id)) {
                    out.putIfAbsent(GENERAL, e.getMessage());
                    return out;
                }
                out.put(id, e.getMessage());
                current = current.without(key.get()[0], key.get()[1]);
            } catch (IllegalArgumentException e) {
                out.putIfAbsent(GENERAL, e.getMessage());
                return out;
            }
        }
    }

    private static void readEverySection(JmConfig c, Path dataDir) {
        NetworkSettings net = NetworkSettings.read(c, null, null);
        Network chain = net.chain();
        TorSettings.read(c, null, null, null);
        BitcoinSettings.read(c, chain, dataDir, "wallet", BitcoinSettings.Flags.none());
        WalletSettings.read(c, null, null);
        TakerSettings.read(c, chain);
        TakerSettings.counterparties(c, null);
        MakerSettingsReader.read(c, MakerSettingsReader.Flags.none(), net.announcedFor(chain));
        MakerSettingsReader.mergeAlgorithm(c, MakerSettingsReader.Flags.none());
        MakerSettingsReader.serving(c, null);
        StartDirectoryCommand directory = new StartDirectoryCommand();
        new CommandLine(directory).parseArgs();
        directory.resolve(c, dataDir);
        directory.powDefense(c);
    }
}
