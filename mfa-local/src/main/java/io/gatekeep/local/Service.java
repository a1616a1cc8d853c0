package io.gatekeep.local;

/** The three services the local stack launches, with their conventional ports. */
enum Service {
    API("mfa-api", "api", 8080, 9080),
    WORKER("mfa-worker", "worker", 8081, 9081),
    DESK("support-desk", "desk", 8082, 9082);

    private final String module;
    private final String shortName;
    private final int port;
    private final int managementPort;

    Service(String module, String shortName, int port, int managementPort) {
        this.module = module;
        this.shortName = shortName;
        this.port = port;
        this.managementPort = managementPort;
    }

    String module() {
        return module;
    }

    String shortName() {
        return shortName;
    }

    int port() {
        return port;
    }

    int managementPort() {
        return managementPort;
    }

    String healthUrl() {
        return "http://localhost:" + managementPort + "/actuator/health";
    }
}
