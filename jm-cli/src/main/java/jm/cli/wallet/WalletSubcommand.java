package jm.cli.wallet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import jm.chain.ChainBackend;
import jm.cli.common.ConfiguredCommand;
import jm.cli.common.RpcOptions;
import jm.cli.common.WalletOptions;
import jm.cli.common.ConfigException;
import jm.cli.common.JmConfig;
import jm.cli.common.NetworkSettings;
import jm.cli.common.WalletSettings;
import jm.cli.common.Passwords;
import jm.core.Network;
import jm.wallet.Wallet;
import jm.wallet.WalletStorage;
import jm.wallet.keys.Passphrase;
import jm.wallet.store.Password;
import jm.wallet.store.WalletFile;
import jm.wallet.store.WalletHeader;
import jm.wallet.store.WalletInUseException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What every wallet subcommand shares: options, error reporting, output helpers. */
abstract class WalletSubcommand extends ConfiguredCommand {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Environment variable for the BIP39 passphrase of wallets that do not store it (automation). */
    static final String PASSPHRASE_ENV = "JM_WALLET_PASSPHRASE";

    @Option(names = "--json", description = "Print machine-readable JSON.")
    boolean json;

    Map<String, String> env() {
        return common.env();
    }

    /** The invocation's standard input. */
    java.io.InputStream stdin() {
        return common.context().stdin();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Asks {@code question} on the console (else stderr/stdin); true for y or yes. */
    boolean confirm(String question) throws IOException {
        java.io.Console c = System.console();
        String answer;
        if (c != null) {
            answer = c.readLine(question);
        } else {
            err().print(question);
            err().flush();
            answer = new BufferedReader(new InputStreamReader(stdin(), StandardCharsets.UTF_8)).readLine();
        }
        return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
    }

    /**
     * Asks before broadcasting {@code plan} (unless --yes), broadcasts it and prints the txid, or
     * with --json {@code summary} of the broadcast txid (null when not broadcast).
     *
     * @return 0 when broadcast, 1 when the user declined
     */
    int broadcastAfterAsking(Wallet w, jm.chain.ChainBackend chain, jm.wallet.SendPlan plan, BroadcastOptions b,
            java.util.function.Function<String, Object> summary) throws IOException {
        if (!b.yes && !confirm("Broadcast this transaction? [y/N] ")) {
            if (json) {
                printJson(summary.apply(null));
            } else {
                out().println("not broadcast");
            }
            return 1;
        }
        String txid = w.broadcast(chain, plan.transaction()).toString();
        if (json) {
            printJson(summary.apply(txid));
        } else {
            out().println("broadcast: " + txid);
        }
        return 0;
    }

    /** Wallets this command opened; closed (their locks released) when it ends. */
    private final java.util.List<Wallet> opened = new java.util.ArrayList<>();

    @Override
    protected final int execute(PrintWriter out, PrintWriter err) {
        try {
            return execute();
        } catch (IOException e) {
            throw new ConfigException(e.getMessage(), e);
        } finally {
            opened.forEach(Wallet::close);
            opened.clear();
        }
    }

    /** Registers a wallet this command opened, so that its lock is released when the command ends. */
    Wallet closing(Wallet w) {
        opened.add(w);
        return w;
    }

    abstract Integer execute() throws IOException;

    void printJson(Object value) throws IOException {
        out().println(JSON.writeValueAsString(value));
    }

    JmConfig config() {
        return common.config(env());
    }

    /** --network flag, else [network] bitcoin_network / network from config, else mainnet. */
    static Network network(String flag, JmConfig config) {
        return flag != null ? Network.parseUserInput(flag) : NetworkSettings.read(config, null, null).chain();
    }

    WalletStorage storage() {
        return WalletStorage.inDataDir(common.dataDir());
    }

    /** Options to open an existing wallet. */
    static final class OpenOptions {
        @Mixin
        WalletOptions wallet;

        String name() {
            return wallet.name();
        }

        Path passwordFile() {
            return wallet.passwordFile();
        }

        @Option(names = "--passphrase-file", paramLabel = "FILE",
                description = "BIP39 passphrase, if the wallet does not store it (else $" + PASSPHRASE_ENV
                        + ", else a prompt).")
        Path passphraseFile;

        @Option(names = "--gap-limit", paramLabel = "N", description = "Unused addresses watched per branch (default 20).")
        Integer gapLimit;

        @Option(names = "--network", paramLabel = "NET",
                description = {"mainnet, testnet, signet or regtest. For a wallet file: checked against the file.",
                        "With --mnemonic-stdin: the chain to derive for (default: config, else mainnet)."})
        String network;
    }

    /** Options of a command that opens a wallet and syncs it with the node that watches it. */
    static final class SyncOptions {
        @Mixin
        OpenOptions wallet;

        @Mixin
        RpcOptions node;
    }

    /** Connects to the node that watches {@code w} (its watch-only wallet there). */
    ChainBackend connect(Wallet w, SyncOptions o) {
        return o.node.connect(config(), w.config().network(), w.name(), common.dataDir());
    }

    /** Opens a wallet for a command that changes it: takes the wallet's lock or fails naming its holder. */
    Wallet open(OpenOptions o) {
        return open(o, false);
    }

    /**
     * Opens a wallet for a command that only reads it: with the lock if it is free (so that what
     * a sync learns is kept), else read-only beside the process that holds it (noted on stderr).
     */
    Wallet openForReading(OpenOptions o) {
        try {
            return open(o, false);
        } catch (WalletInUseException e) {
            err().println("note: " + e.getMessage().replaceFirst(";.*", "") + "; showing it read-only");
            err().flush();
            return open(o, true);
        }
    }

    /** Opens a wallet without its lock; nothing is written (derivation, listings). */
    Wallet openReadOnly(OpenOptions o) {
        return open(o, true);
    }

    private Wallet open(OpenOptions o, boolean readOnly) {
        WalletStorage storage = storage();
        Path file = storage.walletFile(o.name());
        WalletHeader header = WalletFile.readHeader(file);
        if (o.network != null && Network.parseUserInput(o.network) != header.network()) {
            throw new ConfigException("wallet '" + o.name() + "' is on " + header.network().wireName() + ", not "
                    + o.network);
        }
        char[] pw = Passwords.read(o.passwordFile(), env(), "Password for wallet '" + o.name() + "': ", false);
        try (Password password = Password.of(pw)) {
            Passphrase pp = Passphrase.NONE;
            if (!header.passphraseStored()) {
                pp = readPassphraseIfAny(o.passphraseFile);
            }
            int gap = WalletSettings.read(config(), null, o.gapLimit).gapLimit();
            return closing(readOnly ? Wallet.openReadOnly(storage, o.name(), password, pp, gap, Clock.systemUTC())
                    : Wallet.open(storage, o.name(), password, pp, gap, Clock.systemUTC()));
        } finally {
            Arrays.fill(pw, '\0');
        }
    }

    /** For wallets that do not store their passphrase: file, env, else none (no prompt: most have none). */
    Passphrase readPassphraseIfAny(Path file) {
        if (file != null) {
            try {
                String s = java.nio.file.Files.readString(file, StandardCharsets.UTF_8);
                return Passphrase.of(s.endsWith("\n") ? s.substring(0, s.length() - 1) : s);
            } catch (IOException e) {
                throw new ConfigException("cannot read passphrase file " + file + ": " + e.getMessage());
            }
        }
        String e = env().get(PASSPHRASE_ENV);
        return e == null ? Passphrase.NONE : Passphrase.of(e);
    }

    /** Reads the mnemonic (first non-empty line) and optional passphrase (next line) from stdin. */
    String[] readMnemonicFromStdin() throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(stdin(), StandardCharsets.UTF_8));
        String mnemonic = null;
        String line;
        while ((line = r.readLine()) != null) {
            if (!line.isBlank()) {
                mnemonic = line;
                break;
            }
        }
        if (mnemonic == null) {
            throw new ConfigException("no mnemonic on standard input");
        }
        String pass = r.readLine();
        return new String[] {mnemonic, pass == null ? "" : stripCr(pass)};
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
