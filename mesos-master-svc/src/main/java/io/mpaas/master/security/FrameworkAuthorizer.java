package io.mpaas.master.security;

import io.mpaas.master.MasterError;
import io.mpaas.protocol.mesos.FrameworkInfo;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.springframework.stereotype.Component;

/**
 * Framework authentication and authorization on the scheduler API: who is calling (when
 * authentication is on, a call without valid credentials is refused 401 before it gets here or
 * here), whether that matches the principal the framework claims (400, as Mesos), and whether
 * it may subscribe with its roles (403).
 */
@Component
public class FrameworkAuthorizer {

    private final SecurityProperties properties;
    private final Acls acls;

    public FrameworkAuthorizer(SecurityProperties properties, Acls acls) {
        this.properties = properties;
        this.acls = acls;
    }

    /**
     * The principal of the call, or null when framework authentication is off.
     *
     * @throws MasterError UNAUTHENTICATED when authentication is on and the call carries no credentials
     */
    public String authenticatedPrincipal(HttpServletRequest request) {
        Principal principal = properties.frameworksMustAuthenticate() ? request.getUserPrincipal() : null;
        return authenticatedPrincipal(principal == null ? null : principal.getName());
    }

    /**
     * The same for a principal authenticated elsewhere ({@link BasicCredentials}), or null.
     *
     * @throws MasterError UNAUTHENTICATED when authentication is on and there is no principal
     */
    public String authenticatedPrincipal(String principal) {
        if (!properties.frameworksMustAuthenticate()) {
            return null;
        }
        if (principal == null) {
            throw new MasterError(MasterError.Code.UNAUTHENTICATED, "Framework authentication is required");
        }
        return principal;
    }

    /** May the (authenticated) framework subscribe as it describes itself? */
    public void checkSubscribe(String principal, FrameworkInfo info) {
        if (principal != null && !principal.equals(info.principal())) {
            throw MasterError.badRequest("Authenticated principal '" + principal + "' does not match principal '"
                    + (info.principal() == null ? "" : info.principal()) + "' set in `FrameworkInfo`");
        }
        String subject = principal != null ? principal : info.principal();
        for (String role : info.effectiveRoles()) {
            if (!acls.mayRegister(subject, role)) {
                throw MasterError.forbidden("Not authorized to use role '" + role + "'"
                        + (subject == null ? "" : " as principal '" + subject + "'"));
            }
        }
    }
}
