package dev.mwaalogin.local.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The emulator's listening port: it accepts each client and copies bytes both ways between it and the JDK HttpServer
 * behind it, untouched. It exists for the one thing HttpServer will not do: hand out a client's socket. Holding it,
 * the reset fault is a real TCP RST (SO_LINGER 0, then close), where HttpServer could only close with a FIN, which
 * clients report differently ("Unexpected end of file" rather than "Connection reset"); and closing the emulator
 * drops every client at once, hung ones included.
 *
 * <p>The server sees each relayed connection come from the relay's own end of it, which is how {@link #reset} finds
 * the client behind an exchange.
 */
final class ConnectionRelay implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress server;
    private final Executor threads;
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Socket> clientByRelayPort = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private ConnectionRelay(ServerSocket listener, InetSocketAddress server, Executor threads) {
        this.listener = listener;
        this.server = server;
        this.threads = threads;
    }

    /** Listens on 127.0.0.1:{@code port} (0 for any free port) and relays every connection to {@code server}. */
    static ConnectionRelay start(int port, InetSocketAddress server, Executor threads) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        ConnectionRelay relay = new ConnectionRelay(listener, server, threads);
        threads.execute(relay::acceptLoop);
        return relay;
    }

    int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                clients.add(client);
                threads.execute(() -> relay(client));
            } catch (IOException | RuntimeException e) {
                // closed, or a client gave up before it was accepted; either way nothing to keep
            }
        }
    }

    private void relay(Socket client) {
        Socket toServer = new Socket();
        try {
            client.setTcpNoDelay(true);
            toServer.setTcpNoDelay(true);
            toServer.connect(server);
        } catch (IOException e) {
            drop(client, toServer);
            return;
        }
        int relayPort = toServer.getLocalPort();
        clientByRelayPort.put(relayPort, client);
        threads.execute(() -> {
            copy(toServer, client);
            drop(client, toServer); // the server closed: the connection is over
            clientByRelayPort.remove(relayPort);
        });
        if (copy(client, toServer)) {
            shutdownOutput(toServer); // the client half-closed: pass its FIN on and let the server finish
        } else {
            drop(client, toServer);
        }
    }

    /** Copies until end of stream (true) or a failure on either side (false). */
    private static boolean copy(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                out.write(buffer, 0, n);
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Aborts, with a TCP RST, the client connection the server sees as coming from {@code relayEnd} (an exchange's
     * remote address).
     *
     * @return false when that connection is already gone
     */
    boolean reset(InetSocketAddress relayEnd) {
        Socket client = clientByRelayPort.remove(relayEnd.getPort());
        if (client == null) {
            return false;
        }
        try {
            client.setSoLinger(true, 0); // close() now sends RST instead of FIN: the client sees "connection reset"
        } catch (IOException ignored) {
            // already closed: nothing to reset
        }
        drop(client);
        return true;
    }

    /** Stops accepting and closes every client connection. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        clients.forEach(ConnectionRelay::closeQuietly);
    }

    private void drop(Socket client, Socket toServer) {
        drop(client);
        closeQuietly(toServer);
    }

    private void drop(Socket client) {
        clients.remove(client);
        closeQuietly(client);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }

    private static void shutdownOutput(Socket socket) {
        try {
            socket.shutdownOutput();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
