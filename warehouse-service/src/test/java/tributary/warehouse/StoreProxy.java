package tributary.warehouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay in front of the store that a test can cut, stall and restore, to make the
 * store unreachable for the service without touching the store itself.
 */
final class StoreProxy implements AutoCloseable {

	/** How the store goes away. */
	enum Outage {

		/**
		 * Connections dropped and new ones refused, as when the store's process is gone.
		 */
		CUT,

		/**
		 * Connections accepted and kept open, but nothing forwarded either way, as when a
		 * host or a route has died without resetting anything.
		 */
		STALL

	}

	private final ServerSocket server;

	private final String targetHost;

	private final int targetPort;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private volatile boolean open = true;

	private volatile boolean stalled;

	StoreProxy(String mongoUri) throws IOException {
		URI target = URI.create(mongoUri);
		this.targetHost = target.getHost();
		this.targetPort = target.getPort();
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "store-proxy");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/** A URI to the store through this relay. */
	String uri(String database) {
		return "mongodb://127.0.0.1:" + this.server.getLocalPort() + "/" + database;
	}

	void fail(Outage outage) {
		switch (outage) {
			case CUT -> cut();
			case STALL -> this.stalled = true;
		}
	}

	/** Drops every connection and refuses new ones, as if the store had gone away. */
	void cut() {
		this.open = false;
		closeAll();
	}

	/**
	 * Lets connections through again. Connections that were stalled lost what was sent
	 * meanwhile, so they are dropped: the client has to open new ones.
	 */
	void restore() {
		if (this.stalled) {
			this.stalled = false;
			closeAll();
		}
		this.open = true;
	}

	private void closeAll() {
		this.sockets.forEach(StoreProxy::closeQuietly);
		this.sockets.clear();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				if (!this.open) {
					closeQuietly(client);
					continue;
				}
				Socket upstream = new Socket(this.targetHost, this.targetPort);
				this.sockets.add(client);
				this.sockets.add(upstream);
				pipe(client, upstream);
				pipe(upstream, client);
			}
			catch (IOException ex) {
				// Closed, or the store refused: the client sees a dropped connection.
			}
		}
	}

	private void pipe(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[64 * 1024];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				for (int read; (read = in.read(buffer)) >= 0;) {
					if (!this.stalled) {
						out.write(buffer, 0, read);
						out.flush();
					}
				}
			}
			catch (IOException ex) {
				// One side went away: close the other too.
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		}, "store-proxy-pipe");
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Already closed.
		}
	}

	@Override
	public void close() throws IOException {
		cut();
		this.server.close();
	}

}
