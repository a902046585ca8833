package jm.net.transport;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last handler of every connection: an exception nobody handled closes that connection (logged
 * at DEBUG with the remote address), never the event loop or the process.
 */
@ChannelHandler.Sharable
public final class ExceptionCloser extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ExceptionCloser.class);

    /** Pipeline name. */
    public static final String NAME = "jm-exception-closer";
    public static final ExceptionCloser INSTANCE = new ExceptionCloser();

    private ExceptionCloser() {
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("{} closing after error: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
