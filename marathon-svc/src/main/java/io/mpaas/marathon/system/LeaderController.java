package io.mpaas.marathon.system;

import io.mpaas.marathon.MarathonFailure;
import io.mpaas.marathon.ha.Leadership;
import io.mpaas.marathon.web.JsonResponses;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v2/leader}: who leads, and making the leader step down. */
@RestController
public class LeaderController {

    private static final String NO_LEADER = "There is no leader";

    private final Leadership leadership;

    public LeaderController(Leadership leadership) {
        this.leadership = leadership;
    }

    @GetMapping("/v2/leader")
    public ResponseEntity<byte[]> leader() {
        String leader = leadership.leaderHostPort().orElseThrow(() -> MarathonFailure.notFound(NO_LEADER));
        return JsonResponses.ok(Map.of("leader", leader));
    }

    /**
     * Steps down so that another instance is elected. Marathon's {@code backup}/{@code restore}
     * (state copied to or from a file or S3 on the way) are refused rather than ignored: the state
     * lives in PostgreSQL here, which has its own backups.
     */
    @DeleteMapping("/v2/leader")
    public ResponseEntity<byte[]> abdicate(@RequestParam(required = false) String backup,
            @RequestParam(required = false) String restore) {
        if (backup != null || restore != null) {
            throw MarathonFailure.of(MarathonFailure.Kind.BAD_REQUEST,
                    "backup and restore are not supported: the state is kept in the database");
        }
        if (!leadership.abdicate()) {
            throw MarathonFailure.notFound(NO_LEADER);
        }
        return JsonResponses.ok(Map.of("message", "Leadership abdicated"));
    }
}
