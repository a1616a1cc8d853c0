package io.gatekeep.desk.agents;

import io.gatekeep.desk.agents.DeskProblem.Code;
import io.gatekeep.desk.tickets.TicketStatus;
import java.security.Principal;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The agents' REST API; documented in {@code /desk-api.yaml} (src/main/resources/static). */
@RestController
@RequestMapping("/api/v1/desk")
class DeskController {

    record ActionRequest(String justification, String text) {}

    private final TicketQueries queries;
    private final AgentActions actions;
    private final AgentAccounts agents;

    DeskController(TicketQueries queries, AgentActions actions, AgentAccounts agents) {
        this.queries = queries;
        this.actions = actions;
        this.agents = agents;
    }

    @GetMapping("/tickets")
    TicketQueries.Page queue(
            @RequestParam(defaultValue = "NEEDS_AGENT") String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        TicketStatus parsed;
        try {
            parsed = TicketStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new DeskProblem(Code.INVALID_REQUEST, "unknown status " + status);
        }
        if (page < 0 || size < 1 || size > 200) {
            throw new DeskProblem(Code.INVALID_REQUEST, "page >= 0 and 1 <= size <= 200");
        }
        return queries.queue(parsed.name(), page, size);
    }

    @GetMapping("/tickets/{id}")
    TicketQueries.Detail ticket(@PathVariable UUID id) {
        return queries.ticket(id).orElseThrow(() -> new DeskProblem(Code.TICKET_NOT_FOUND, "no ticket " + id));
    }

    @PostMapping("/tickets/{id}/approve")
    Map<String, String> approve(@PathVariable UUID id, @RequestBody ActionRequest request, Principal agent) {
        return result(actions.approve(id, agentId(agent), request.justification()));
    }

    @PostMapping("/tickets/{id}/deny")
    Map<String, String> deny(
            @PathVariable UUID id, @RequestBody(required = false) ActionRequest request, Principal agent) {
        return result(actions.deny(id, agentId(agent), request == null ? null : request.text()));
    }

    @PostMapping("/tickets/{id}/escalate")
    Map<String, String> escalate(
            @PathVariable UUID id, @RequestBody(required = false) ActionRequest request, Principal agent) {
        return result(actions.escalate(id, agentId(agent), request == null ? null : request.text()));
    }

    @PostMapping("/tickets/{id}/notes")
    Map<String, String> note(@PathVariable UUID id, @RequestBody ActionRequest request, Principal agent) {
        return result(actions.note(id, agentId(agent), request.text()));
    }

    private UUID agentId(Principal principal) {
        return agents.byUsername(principal.getName()).orElseThrow().id();
    }

    private static Map<String, String> result(TicketStatus status) {
        return Map.of("status", status.name());
    }
}
