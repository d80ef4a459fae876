package io.mpaas.master.security;

import io.mpaas.protocol.mesos.MesosJson;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Mesos's local authorizer rules, read from the same JSON as {@code --acls}:
 * {@code {"permissive": true, "register_frameworks": [{"principals": {"values": ["marathon"]},
 * "roles": {"values": ["web"]}}], "teardown_frameworks": [...]}}. Rules are tried in order and
 * the first whose subject matches decides; when none matches, {@code permissive} (default true) does.
 */
public record Acls(boolean permissive, List<Rule> registerFrameworks, List<Rule> teardownFrameworks) {

    public static final Acls PERMISSIVE = new Acls(true, List.of(), List.of());

    /** One ACL: a subject entity (principals) and an object entity (roles, or framework principals). */
    public record Rule(Entity subject, Entity object) {
    }

    /** {@code {"type": "ANY"}}, {@code {"type": "NONE"}} or {@code {"values": [...]}}. */
    public record Entity(Type type, List<String> values) {
        public enum Type {
            SOME,
            ANY,
            NONE
        }

        boolean matches(String value) {
            return switch (type) {
                case ANY -> true;
                case NONE -> value == null;
                case SOME -> value != null && values.contains(value);
            };
        }
    }

    /**
     * Parses Mesos's ACL JSON.
     *
     * @throws IllegalArgumentException naming the entry that is wrong
     */
    public static Acls parse(String json) {
        if (json == null || json.isBlank()) {
            return PERMISSIVE;
        }
        JsonNode root;
        try {
            root = MesosJson.read(json, JsonNode.class);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mesos.master.security.acls is not valid JSON: " + e.getMessage(), e);
        }
        boolean permissive = !root.has("permissive") || root.get("permissive").asBoolean(true);
        return new Acls(permissive, rules(root, "register_frameworks", "principals", "roles"),
                rules(root, "teardown_frameworks", "principals", "framework_principals"));
    }

    private static List<Rule> rules(JsonNode root, String action, String subject, String object) {
        JsonNode list = root.path(action);
        if (list.isMissingNode()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException("ACL '" + action + "' must be an array");
        }
        return list.valueStream().map(acl -> new Rule(entity(acl, action, subject), entity(acl, action, object)))
                .toList();
    }

    private static Entity entity(JsonNode acl, String action, String field) {
        JsonNode node = acl.path(field);
        if (node.isMissingNode()) {
            throw new IllegalArgumentException("ACL '" + action + "' entry lacks '" + field + "'");
        }
        if (node.has("type")) {
            String type = node.get("type").asString();
            if (type.equals("ANY") || type.equals("NONE")) {
                return new Entity(Entity.Type.valueOf(type), List.of());
            }
            throw new IllegalArgumentException("ACL '" + action + "." + field + "' has unknown type '" + type + "'");
        }
        if (!node.path("values").isArray()) {
            throw new IllegalArgumentException("ACL '" + action + "." + field + "' needs 'values' or 'type'");
        }
        return new Entity(Entity.Type.SOME, node.get("values").valueStream().map(JsonNode::asString).toList());
    }

    public boolean mayRegister(String principal, String role) {
        return decide(registerFrameworks, principal, role);
    }

    public boolean mayTeardown(String principal, String frameworkPrincipal) {
        return decide(teardownFrameworks, principal, frameworkPrincipal);
    }

    private boolean decide(List<Rule> rules, String subject, String object) {
        for (Rule rule : rules) {
            if (!rule.subject().matches(subject)) {
                continue;
            }
            if (rule.object().type() == Entity.Type.NONE) {
                return false;
            }
            if (rule.object().matches(object)) {
                return true;
            }
        }
        return permissive;
    }
}
