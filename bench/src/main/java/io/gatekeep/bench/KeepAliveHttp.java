package io.gatekeep.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The load generator's HTTP client: a fixed number of threads, each with one keep-alive HTTP/1.1 connection, doing
 * blocking JSON POSTs; a request waits in a queue while every connection is busy. The JDK's {@code HttpClient} cost
 * more CPU per request than the API's own work measured here (1.2 ms against the API's 2.2 ms on the same two cores),
 * and opened a new connection for every request beyond those in flight; what the load generator spends is taken from
 * the API under test, so it is kept to writing bytes and reading a status line, headers and a body. Only what the API
 * sends is read: {@code Content-Length} or chunked bodies.
 */
final class KeepAliveHttp implements AutoCloseable {

    /** A response: status and body (UTF-8). */
    record Response(int status, String body) {}

    private final InetSocketAddress address;
    private final String host;
    private final ExecutorService threads;
    private final ThreadLocal<Connection> connections = new ThreadLocal<>();
    private final List<Connection> opened = new ArrayList<>();

    KeepAliveHttp(String baseUrl, int connections) {
        URI uri = URI.create(baseUrl);
        this.address = new InetSocketAddress(uri.getHost(), uri.getPort());
        this.host = uri.getHost() + ":" + uri.getPort();
        AtomicInteger count = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(
                connections, connections, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "bench-http-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** POSTs {@code json} to {@code path} on the next free connection. */
    CompletableFuture<Response> post(String path, String json) {
        return post(path, () -> json);
    }

    /** POSTs the JSON {@code json} makes on the connection's thread just before sending. */
    CompletableFuture<Response> post(String path, Supplier<String> json) {
        return CompletableFuture.supplyAsync(() -> exchange(path, json.get()), threads);
    }

    /** Runs {@code work} on one of the connections' threads; it may call {@link #exchangeHere} several times. */
    <T> CompletableFuture<T> submit(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, threads);
    }

    /**
     * A POST on the calling thread's own connection, so that several requests of one task (a password step, then
     * the second factor) go over the same keep-alive connection, one after the other. Only from {@link #submit}.
     */
    Response exchangeHere(String path, String contentType, String body) {
        return exchange(path, contentType, body);
    }

    private Response exchange(String path, String json) {
        return exchange(path, "application/json", json);
    }

    private Response exchange(String path, String contentType, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: " + contentType + "\r\n"
                        + "Accept: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        for (int attempt = 1; ; attempt++) {
            Connection connection = connection();
            try {
                return connection.exchange(head, body);
            } catch (IOException e) {
                // the server closed an idle connection: one retry on a fresh one
                connection.close();
                connections.remove();
                if (attempt == 2) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private Connection connection() {
        Connection connection = connections.get();
        if (connection == null) {
            try {
                connection = new Connection(address);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            connections.set(connection);
            synchronized (opened) {
                opened.add(connection);
            }
        }
        return connection;
    }

    @Override
    public void close() {
        threads.shutdownNow();
        synchronized (opened) {
            opened.forEach(Connection::close);
        }
    }

    private static final class Connection {

        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final StringBuilder line = new StringBuilder(128);

        Connection(InetSocketAddress address) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(address, 5_000);
            socket.setSoTimeout(30_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        }

        Response exchange(byte[] head, byte[] body) throws IOException {
            byte[] request = new byte[head.length + body.length];
            System.arraycopy(head, 0, request, 0, head.length);
            System.arraycopy(body, 0, request, head.length, body.length);
            out.write(request);
            out.flush();
            String statusLine = readLine();
            if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.1 ")) {
                throw new IOException("Not an HTTP/1.1 response: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            int contentLength = -1;
            boolean chunked = false;
            for (String header = readLine(); !header.isEmpty(); header = readLine()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim();
                String value = header.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    contentLength = Integer.parseInt(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                    chunked = true;
                }
            }
            byte[] content = chunked ? readChunked() : in.readNBytes(Math.max(contentLength, 0));
            return new Response(status, new String(content, StandardCharsets.UTF_8));
        }

        private byte[] readChunked() throws IOException {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(readLine().trim(), 16);
                    size > 0;
                    size = Integer.parseInt(readLine().trim(), 16)) {
                content.write(in.readNBytes(size));
                readLine();
            }
            readLine();
            return content.toByteArray();
        }

        private String readLine() throws IOException {
            line.setLength(0);
            int c;
            while ((c = in.read()) != '\n') {
                if (c == -1) {
                    throw new IOException("Connection closed");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
