package io.gatekeep.api.deskrelay;

import io.gatekeep.api.web.ApiError;
import io.gatekeep.api.web.ApiException;
import io.gatekeep.api.web.OpenApiDocs;
import io.netty.channel.ChannelOption;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * {@code POST /api/v1/desk/cancellations} on the API's origin, answered by the support desk. The cancel link of an
 * approval notice opens the web client's {@code /desk/cancel} page, which may only talk to its own origin; the desk
 * decides (token, ticket state, notices) and its answer (status, {@code code}) is passed back unchanged. The token
 * travels only in the JSON body, here and to the desk, and is never logged.
 */
@RestController
@Tag(name = "Support desk")
@EnableConfigurationProperties(DeskRelayProperties.class)
class DeskCancellationRelay {

    static final ApiError DESK_UNAVAILABLE = new ApiError(
            HttpStatus.SERVICE_UNAVAILABLE,
            "desk_unavailable",
            "The support desk cannot be reached right now; open the link again in a few minutes");

    private static final Logger log = LoggerFactory.getLogger(DeskCancellationRelay.class);

    private final WebClient desk;

    DeskCancellationRelay(DeskRelayProperties properties) {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        properties.timeout().toMillis())
                .responseTimeout(properties.timeout());
        this.desk = WebClient.builder()
                .baseUrl(properties.baseUrl().toString())
                .clientConnector(new ReactorClientHttpConnector(http))
                .build();
    }

    @Schema(name = "SupportResetCancellation")
    record CancellationRequest(
            @Schema(description = "The token from the notice's cancel link") @NotBlank @Size(max = 256)
            String token) {
        @Override
        public String toString() {
            return "CancellationRequest[]";
        }
    }

    @PostMapping(path = "/api/v1/desk/cancellations", produces = MediaType.APPLICATION_JSON_VALUE)
    @SecurityRequirements
    @Operation(
            summary = "Cancel an approved MFA reset with the token of a notice's cancel link (public)",
            description = "An approved support reset waits until its reset time; the notices sent to the requester's "
                    + "registered address and to every owner carry a link <base-url>/desk/cancel?token=..., whose "
                    + "page posts the token here. Answered by the support desk: the ticket becomes CANCELLED, "
                    + "nothing is reset, every other link of the ticket ends and everyone who got one is told. "
                    + "200 {\"status\":\"CANCELLED\",\"reference\":\"MFA-7Q4K2\"}.")
    @ApiResponse(responseCode = "200", description = "Cancelled")
    @ApiResponse(responseCode = "400", ref = OpenApiDocs.INVALID_TOKEN)
    @ApiResponse(responseCode = "409", ref = OpenApiDocs.CONFLICT)
    @ApiResponse(responseCode = "410", ref = OpenApiDocs.GONE)
    @ApiResponse(responseCode = "503", ref = OpenApiDocs.UNAVAILABLE)
    Mono<ResponseEntity<byte[]>> cancel(@Valid @RequestBody CancellationRequest request) {
        return desk.post()
                .uri("/api/v1/desk/cancellations")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                .bodyValue(Map.of("token", request.token()))
                .exchangeToMono(response -> response.toEntity(byte[].class))
                .map(DeskCancellationRelay::passBack)
                .onErrorResume(e -> !(e instanceof ApiException), e -> {
                    log.warn(
                            "Support desk unreachable for a cancellation: {}",
                            e.getClass().getSimpleName());
                    return Mono.error(DESK_UNAVAILABLE.exception());
                });
    }

    /** The desk's status and body; only its content type among the headers (no cookies, no server details). */
    private static ResponseEntity<byte[]> passBack(ResponseEntity<byte[]> answer) {
        if (answer.getStatusCode().is5xxServerError()) {
            throw DESK_UNAVAILABLE.exception();
        }
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(answer.getStatusCode());
        MediaType type = answer.getHeaders().getContentType();
        if (type != null) {
            builder.contentType(type);
        }
        return builder.body(answer.getBody() == null ? new byte[0] : answer.getBody());
    }
}
