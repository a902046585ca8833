package jm.net.channel;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import jm.core.wire.DirectoryHandshake;
import jm.core.wire.Handshake;
import jm.core.wire.PeerlistEntry;
import jm.core.wire.PubMsg;
import jm.core.wire.VerifiedPrivMsg;

/** Records what a channel delivers, and on which thread. */
final class Recorder implements MessageListener {
    record Got<T>(ChannelId via, T message, String thread) {
    }

    final BlockingQueue<Got<PubMsg>> publics = new LinkedBlockingQueue<>();
    final BlockingQueue<Got<VerifiedPrivMsg>> privates = new LinkedBlockingQueue<>();
    final BlockingQueue<String> up = new LinkedBlockingQueue<>();
    final BlockingQueue<String> down = new LinkedBlockingQueue<>();
    final BlockingQueue<String> refused = new LinkedBlockingQueue<>();
    final BlockingQueue<List<PeerlistEntry>> peerlists = new LinkedBlockingQueue<>();
    final BlockingQueue<ChannelId.Direct> directUp = new LinkedBlockingQueue<>();
    final BlockingQueue<ChannelId.Direct> directDown = new LinkedBlockingQueue<>();
    final BlockingQueue<jm.core.Nick> departed = new LinkedBlockingQueue<>();

    @Override
    public void onPeerDeparted(jm.core.Nick nick) {
        departed.add(nick);
    }

    @Override
    public void onPublic(ChannelId via, PubMsg message) {
        publics.add(new Got<>(via, message, Thread.currentThread().getName()));
    }

    @Override
    public void onPrivate(ChannelId via, VerifiedPrivMsg message) {
        privates.add(new Got<>(via, message, Thread.currentThread().getName()));
    }

    @Override
    public void onDirectoryUp(String directory, DirectoryHandshake handshake) {
        up.add(directory);
    }

    @Override
    public void onDirectoryRefused(String directory, String reason) {
        refused.add(reason);
    }

    @Override
    public void onDirectoryDown(String directory) {
        down.add(directory);
    }

    @Override
    public void onPeerlist(String directory, List<PeerlistEntry> entries) {
        peerlists.add(entries);
    }

    @Override
    public void onDirectUp(ChannelId.Direct via, Handshake peerHandshake) {
        directUp.add(via);
    }

    @Override
    public void onDirectDown(ChannelId.Direct via) {
        directDown.add(via);
    }

    static <T> T take(BlockingQueue<T> q) throws InterruptedException {
        T t = q.poll(10, TimeUnit.SECONDS);
        if (t == null) {
            throw new AssertionError("nothing delivered in time");
        }
        return t;
    }
}
