package io.mpaas.master.allocator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Quota arithmetic for one allocation cycle (Mesos 1.9+ semantics), built at the start of the
 * cycle and updated as the cycle hands resources out.
 *
 * <ul>
 * <li>A role's consumption is its reservations plus its unreserved allocations, sub-roles
 *     included; a quota on a role covers its subtree.</li>
 * <li>A limit is never passed: unreserved scalars offered to a role are chopped to what is left
 *     under every limit on the role and its ancestors.</li>
 * <li>Guarantees are served first (stage one, {@link #allowance} with {@code stageOne}: up to the
 *     unsatisfied guarantee), and enough unreserved resources are held back for them: the
 *     required headroom is the sum over quota roles of guarantee minus consumption, and nobody
 *     else may take a kind of resource below it. A role may take its own unsatisfied part.</li>
 * </ul>
 *
 * Nested quotas are summed as if disjoint, which over-reserves headroom rather than under.
 */
final class QuotaHeadroom {

    /** One role with a quota: guarantee and limit per name index, consumption as of now. */
    private static final class Account {
        final String role;
        final String prefix;
        final double[] guarantee;
        final double[] limit;
        final ScalarQuantities consumed;

        Account(String role, double[] guarantee, double[] limit, ScalarQuantities consumed) {
            this.role = role;
            this.prefix = role + "/";
            this.guarantee = guarantee;
            this.limit = limit;
            this.consumed = consumed;
        }

        double unsatisfied(int k) {
            return Math.max(0, guarantee[k] - consumed.get(k));
        }

        boolean covers(String otherRole) {
            return otherRole.equals(role) || otherRole.startsWith(prefix);
        }
    }

    private final List<Account> accounts;
    private final double[] required;
    private final double[] available;
    private final boolean headroomHeld;
    private final Map<String, List<Account>> accountsByRole = new HashMap<>();

    private QuotaHeadroom(List<Account> accounts, double[] required, double[] available) {
        this.accounts = accounts;
        this.required = required;
        this.available = available;
        boolean held = false;
        for (double r : required) {
            held |= r > 1e-9;
        }
        this.headroomHeld = held;
    }

    /** The quota state at the start of a cycle over {@code agents}; null when no role has a quota. */
    static QuotaHeadroom forCycle(AllocatorState state, List<AgentState> agents) {
        if (state.quotas.isEmpty()) {
            return null;
        }
        // Intern quota names first: a quota may name a resource no agent has yet.
        state.quotas.values().forEach(q -> {
            q.guarantee().keySet().forEach(state.shapes::nameIndex);
            q.limit().keySet().forEach(state.shapes::nameIndex);
        });
        int n = state.shapes.nameCount();
        List<Account> accounts = new ArrayList<>();
        double[] required = new double[n];
        for (Map.Entry<String, Quota> e : state.quotas.entrySet()) {
            double[] guarantee = new double[n];
            double[] limit = new double[n];
            Arrays.fill(limit, Double.POSITIVE_INFINITY);
            e.getValue().guarantee().forEach((name, v) -> guarantee[state.shapes.nameIndex(name)] = v);
            e.getValue().limit().forEach((name, v) -> limit[state.shapes.nameIndex(name)] = v);
            Account account = new Account(e.getKey(), guarantee, limit, state.consumed(e.getKey()));
            accounts.add(account);
            for (int k = 0; k < n; k++) {
                required[k] += account.unsatisfied(k);
            }
        }
        // Unreserved resources still available on the agents this cycle visits.
        double[] available = new double[n];
        for (AgentState agent : agents) {
            CompactResources a = agent.available;
            for (int i = 0; i < a.size(); i++) {
                ResourceShapes.Shape shape = a.shapeAt(i);
                if (shape.isScalar() && shape.isUnreserved() && shape.nameIndex() < n) {
                    available[shape.nameIndex()] += a.scalarAt(i);
                }
            }
        }
        return new QuotaHeadroom(accounts, required, available);
    }

    private List<Account> accountsFor(String role) {
        List<Account> mine = accountsByRole.get(role);
        if (mine == null) {
            mine = new ArrayList<>(1);
            for (Account a : accounts) {
                if (a.covers(role)) {
                    mine.add(a);
                }
            }
            accountsByRole.put(role, mine);
        }
        return mine;
    }

    /** Whether offers to {@code role} may have to be chopped (a quota over it, or headroom held back). */
    boolean constrains(String role) {
        return headroomHeld || !accountsFor(role).isEmpty();
    }

    /** Whether some role still lacks part of its guarantee (stage one has work). */
    boolean anyUnsatisfied() {
        for (Account a : accounts) {
            if (isUnsatisfied(a)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a quota over {@code role} (its own or an ancestor's) still lacks part of its guarantee. */
    boolean isUnsatisfied(String role) {
        for (Account a : accountsFor(role)) {
            if (isUnsatisfied(a)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUnsatisfied(Account a) {
        for (int k = 0; k < a.guarantee.length; k++) {
            if (a.unsatisfied(k) > 1e-9) {
                return true;
            }
        }
        return false;
    }

    /**
     * How much of an unreserved scalar (by name index) {@code role} may be offered now: what its
     * limits leave; in stage one, for a kind its guarantee lacks, no more than it lacks; otherwise
     * no more than the surplus over the required headroom plus what the role itself lacks.
     */
    double allowance(String role, int nameIndex, boolean stageOne) {
        if (nameIndex >= required.length) {
            return Double.POSITIVE_INFINITY;
        }
        double allow = Double.POSITIVE_INFINITY;
        double lacking = 0;
        for (Account a : accountsFor(role)) {
            allow = Math.min(allow, a.limit[nameIndex] - a.consumed.get(nameIndex));
            lacking = Math.max(lacking, a.unsatisfied(nameIndex));
        }
        if (stageOne && lacking > 1e-9) {
            allow = Math.min(allow, lacking);
        } else if (required[nameIndex] > 1e-9) {
            allow = Math.min(allow, Math.max(0, available[nameIndex] - required[nameIndex]) + lacking);
        }
        return Math.max(0, allow);
    }

    /** Whether an offer to {@code role} contains some unreserved resource its guarantee still lacks. */
    boolean servesGuarantee(String role, CompactResources offer) {
        for (int i = 0; i < offer.size(); i++) {
            ResourceShapes.Shape shape = offer.shapeAt(i);
            if (shape.isScalar() && shape.isUnreserved() && shape.nameIndex() < required.length) {
                for (Account a : accountsFor(role)) {
                    if (a.unsatisfied(shape.nameIndex()) > 1e-9) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Counts an offer made in this cycle: consumption of the quotas over the role, headroom left. */
    void allocated(String role, CompactResources offer) {
        List<Account> mine = accountsFor(role);
        for (int i = 0; i < offer.size(); i++) {
            ResourceShapes.Shape shape = offer.shapeAt(i);
            int k = shape.nameIndex();
            if (!shape.isScalar() || !shape.isUnreserved() || k >= required.length) {
                continue;
            }
            double x = offer.scalarAt(i);
            for (Account a : mine) {
                double before = a.unsatisfied(k);
                a.consumed.add(k, x);
                required[k] -= before - a.unsatisfied(k);
            }
            available[k] -= x;
        }
    }
}
