package io.gatekeep.desk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * mfa-api's internal directory as a tiny real HTTP server (the JDK's), answering the same JSON, checking the bearer
 * token, and able to go down ({@link #available}) to test that the desk retries instead of dropping mail.
 */
public final class FakeDirectory {

    public static final String TOKEN = "desk-test-service-token";

    public record Person(UUID id, String email, String name) {}

    /** When the people of the fixture joined, unless a test says otherwise: long before any minimum age. */
    public static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");

    private record Member(UUID organizationId, String role, boolean manage, String joinedVia, Instant since) {}

    private final HttpServer server;
    private final Map<String, Person> byEmail = new ConcurrentHashMap<>();
    private final Map<UUID, String> organizations = new ConcurrentHashMap<>();
    private final Map<UUID, List<Member>> memberships = new ConcurrentHashMap<>();
    private final Map<UUID, Person> byId = new ConcurrentHashMap<>();
    /** Who belongs to each organization: the real directory answers approvers from an index, so does this one. */
    private final Map<UUID, Set<UUID>> membersOf = new ConcurrentHashMap<>();

    private final Set<UUID> enforcing = ConcurrentHashMap.newKeySet();
    public volatile boolean available = true;

    public FakeDirectory() {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK:
        // ~40 ms per request, which made the directory, not the desk, the bottleneck of the intake benchmark.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/internal/v1/directory/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public UUID organization(String name) {
        UUID id = UUID.randomUUID();
        organizations.put(id, name);
        return id;
    }

    public Person person(String name) {
        String local = name.toLowerCase().replace(' ', '.') + "."
                + UUID.randomUUID().toString().substring(0, 8);
        Person person = new Person(UUID.randomUUID(), local + "@acme.example", name);
        byEmail.put(person.email(), person);
        byId.put(person.id(), person);
        memberships.put(person.id(), new ArrayList<>());
        return person;
    }

    /** A membership by consent (owners created the organization, others accepted an invitation), long ago. */
    public void member(UUID organization, Person person, String role, boolean manageOrgAccess) {
        member(organization, person, role, manageOrgAccess, role.equals("OWNER") ? "CREATED" : "INVITATION", LONG_AGO);
    }

    /** A membership made {@code joinedVia} at {@code since}, its role held since then too. */
    public void member(
            UUID organization, Person person, String role, boolean manageOrgAccess, String joinedVia, Instant since) {
        memberships
                .get(person.id())
                .add(new Member(organization, role, manageOrgAccess || role.equals("OWNER"), joinedVia, since));
        membersOf
                .computeIfAbsent(organization, id -> ConcurrentHashMap.newKeySet())
                .add(person.id());
    }

    /** Ends a membership (the person left or was removed). */
    public void leave(UUID organization, Person person) {
        memberships.get(person.id()).removeIf(m -> m.organizationId().equals(organization));
        membersOf.getOrDefault(organization, Set.of()).remove(person.id());
    }

    public void enforceMfa(UUID organization) {
        enforcing.add(organization);
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        if (!available) {
            respond(exchange, 503, "{}");
        } else if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            respond(exchange, 401, "{}");
        } else if (path.equals("/internal/v1/directory/users") && query != null && query.startsWith("email=")) {
            Person person = byEmail.get(URLDecoder.decode(query.substring(6), StandardCharsets.UTF_8)
                    .toLowerCase());
            respond(exchange, person == null ? 404 : 200, person == null ? "{}" : user(person));
        } else if (path.matches("/internal/v1/directory/organizations/[^/]+/approvers")) {
            UUID organization = UUID.fromString(path.split("/")[5]);
            respond(exchange, organizations.containsKey(organization) ? 200 : 404, approvers(organization));
        } else {
            respond(exchange, 404, "{}");
        }
    }

    private String user(Person person) {
        String orgs = memberships.get(person.id()).stream()
                .map(m -> """
                {"organizationId":"%s","name":"%s","role":"%s","manageOrgAccess":%s,"joinedVia":"%s",\
                "joinedAt":"%s","roleSince":"%s","mfaEnforced":%s}""".formatted(
                                m.organizationId(),
                                organizations.get(m.organizationId()),
                                m.role(),
                                m.manage(),
                                m.joinedVia(),
                                m.since(),
                                m.since(),
                                enforcing.contains(m.organizationId())))
                .collect(Collectors.joining(","));
        return """
                {"userId":"%s","email":"%s","displayName":"%s","active":true,"mfaEnabled":true,"organizations":[%s]}""".formatted(person.id(), person.email(), person.name(), orgs);
    }

    private String approvers(UUID organization) {
        List<String> owners = new ArrayList<>();
        List<String> managers = new ArrayList<>();
        membersOf.getOrDefault(organization, Set.of()).stream()
                .map(byId::get)
                .forEach(person -> memberships.get(person.id()).stream()
                        .filter(m -> m.organizationId().equals(organization))
                        .forEach(m -> {
                            String json = """
                            {"userId":"%s","email":"%s","displayName":"%s","roleSince":"%s"}""".formatted(person.id(), person.email(), person.name(), m.since());
                            if (m.role().equals("OWNER")) {
                                owners.add(json);
                            } else if (m.manage()) {
                                managers.add(json);
                            }
                        }));
        return """
                {"organizationId":"%s","name":"%s","mfaEnforced":%s,"owners":[%s],"managers":[%s]}""".formatted(
                        organization,
                        organizations.get(organization),
                        enforcing.contains(organization),
                        String.join(",", owners),
                        String.join(",", managers));
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
