package io.mpaas.marathon.system;

import io.mpaas.marathon.web.AcceptHeader;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /ping}: a liveness probe that answers {@code pong} (a JSON string to a client that asks for JSON). */
@RestController
public class PingController {

    @GetMapping("/ping")
    public ResponseEntity<byte[]> ping(@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        MediaType type = AcceptHeader.preferred(accept, MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON);
        String body = type.equals(MediaType.APPLICATION_JSON) ? "\"pong\"" : "pong";
        return ResponseEntity.ok().contentType(type).body(body.getBytes(StandardCharsets.UTF_8));
    }
}
