package jm.taker.testing;

import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import jm.core.Nick;
import jm.core.command.Commands;
import jm.core.command.PrivateCommand;
import jm.core.crypto.NickKey;
import jm.core.wire.PubMsg;
import jm.core.wire.VerifiedPrivMsg;
import jm.net.channel.ChannelId;
import jm.net.channel.MessageChannelConfig;
import jm.net.channel.MessageListener;
import jm.net.channel.OnionMessageChannel;
import jm.net.transport.NetRuntime;

/**
 * A {@link ScriptedMaker} on the real onion message channel (directory relay only): answers
 * {@code !orderbook} with its offer and every private command as the script says.
 */
public final class NetScriptedMaker implements AutoCloseable {
    private final ScriptedMaker maker;
    private final OnionMessageChannel channel;
    private final ExecutorService thread = Executors.newSingleThreadExecutor();

    public NetScriptedMaker(ScriptedMaker maker, MessageChannelConfig config, NetRuntime runtime) {
        this.maker = maker;
        MessageListener listener = new MessageListener() {
            @Override
            public void onPublic(ChannelId via, PubMsg message) {
                if (message.body().startsWith("orderbook")) {
                    reply(message.from(), maker.offers(message.from()));
                }
            }

            @Override
            public void onPrivate(ChannelId via, VerifiedPrivMsg message) {
                try {
                    for (PrivateCommand c : Commands.parsePrivate(message).commands()) {
                        reply(message.from(), maker.handle(c));
                    }
                } catch (Exception e) {
                    // a scripted maker ignores what it cannot parse
                }
            }
        };
        NickKey key = maker.nickKey();
        this.channel = OnionMessageChannel.builder(config, key, runtime, thread, listener)
                .secureRandom(new SecureRandom()).build();
    }

    private void reply(Nick to, List<PrivateCommand> commands) {
        for (PrivateCommand c : commands) {
            try {
                channel.sendPrivate(to, c.name().wireName(), c.args());
            } catch (Exception e) {
                // no route: the taker will time out
            }
        }
    }

    public NetScriptedMaker start() throws Exception {
        channel.start().get(30, TimeUnit.SECONDS);
        channel.awaitDirectory().get(30, TimeUnit.SECONDS);
        return this;
    }

    public Nick nick() {
        return maker.nick();
    }

    @Override
    public void close() {
        channel.close();
        thread.shutdownNow();
    }
}
