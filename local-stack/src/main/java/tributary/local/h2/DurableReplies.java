package tributary.local.h2;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds back the reply to a write command until its changes are on disk, without blocking
 * the connection's event loop in the meantime.
 *
 * <p>
 * mongo-java-server runs a command on the netty event loop and writes the reply at once
 * ({@code MongoDatabaseHandler.channelRead0}); the backend marks the connection
 * ({@link #holdNextReply}) and this handler, last in the pipeline, so first to see the
 * reply, keeps it until the commit is synced. Replies leave in the order they were
 * written; if the commit fails the connection is closed, so the client sees a network
 * error rather than an acknowledgement.
 */
final class DurableReplies extends ChannelOutboundHandlerAdapter {

	private static final Logger log = LoggerFactory.getLogger(DurableReplies.class);

	private static final AttributeKey<CompletableFuture<Void>> NEXT_REPLY = AttributeKey.valueOf(DurableReplies.class,
			"next-reply");

	private static final CompletableFuture<Void> NOW = CompletableFuture.completedFuture(null);

	/** Replies held back, oldest first; only touched on the channel's event loop. */
	private final ArrayDeque<Held> held = new ArrayDeque<>();

	/**
	 * Makes the next reply written on a connection wait for a commit.
	 * @param channel the connection, on its event loop
	 * @param durable completes when the reply may leave
	 */
	static void holdNextReply(Channel channel, CompletableFuture<Void> durable) {
		if (channel.pipeline().get(DurableReplies.class) == null) {
			channel.pipeline().addLast(new DurableReplies());
		}
		channel.attr(NEXT_REPLY).set(durable);
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		CompletableFuture<Void> durable = ctx.channel().attr(NEXT_REPLY).getAndSet(null);
		if (durable == null && this.held.isEmpty()) {
			ctx.write(msg, promise);
			return;
		}
		this.held.add(new Held(msg, promise, (durable != null) ? durable : NOW));
		if (durable != null) {
			durable.whenComplete((result, failure) -> ctx.executor().execute(() -> release(ctx)));
		}
	}

	@Override
	public void flush(ChannelHandlerContext ctx) {
		// what is held is flushed when released
		if (this.held.isEmpty()) {
			ctx.flush();
		}
	}

	private void release(ChannelHandlerContext ctx) {
		boolean written = false;
		while (!this.held.isEmpty() && this.held.peek().durable().isDone()) {
			Held reply = this.held.poll();
			if (reply.durable().isCompletedExceptionally()) {
				log.warn("Closing {}: a write it sent could not be made durable", ctx.channel());
				discard(reply);
				this.held.forEach(DurableReplies::discard);
				this.held.clear();
				ctx.close();
				return;
			}
			ctx.write(reply.msg(), reply.promise());
			written = true;
		}
		if (written) {
			ctx.flush();
		}
	}

	private static void discard(Held reply) {
		ReferenceCountUtil.release(reply.msg());
		reply.promise().tryFailure(new IllegalStateException("The write could not be made durable"));
	}

	@Override
	public void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
		this.held.forEach(DurableReplies::discard);
		this.held.clear();
		super.close(ctx, promise);
	}

	private record Held(Object msg, ChannelPromise promise, CompletableFuture<Void> durable) {
	}

}
