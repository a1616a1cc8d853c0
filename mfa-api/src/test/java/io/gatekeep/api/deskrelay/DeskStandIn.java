package io.gatekeep.api.deskrelay;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server standing where the support desk answers, for the API's tests (the desk's own tests specify the
 * cancellation itself). It answers {@code POST /api/v1/desk/cancellations} by the token in the body, the way the desk
 * does, and records each request it received (path with query, headers, body).
 */
public final class DeskStandIn {

    public static final DeskStandIn INSTANCE = new DeskStandIn();

    public record Received(String pathAndQuery, String body, String authorization, String cookie) {}

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private DeskStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(
                    exchange.getRequestURI().toString(),
                    body,
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Cookie")));
            if (body.contains("hangs-up")) {
                exchange.close(); // no answer at all
                return;
            }
            int status;
            String type = "application/problem+json";
            String answer;
            if (body.contains("\"good")) {
                status = 200;
                type = "application/json";
                answer = "{\"status\":\"CANCELLED\",\"reference\":\"MFA-7Q4K2\"}";
            } else if (body.contains("\"used")) {
                status = 410;
                answer = "{\"title\":\"The link has expired\",\"status\":410,\"code\":\"token_expired\"}";
            } else if (body.contains("\"late")) {
                status = 409;
                answer = "{\"title\":\"Not cancellable\",\"status\":409,\"code\":\"not_cancellable\"}";
            } else if (body.contains("\"broken")) {
                status = 500;
                answer = "{\"title\":\"Internal\",\"status\":500,\"code\":\"internal_error\",\"detail\":\"at io.x\"}";
            } else {
                status = 400;
                answer = "{\"title\":\"Invalid token\",\"status\":400,\"code\":\"invalid_token\"}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.getResponseHeaders().add("Set-Cookie", "desk-session=should-not-pass");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }
}
