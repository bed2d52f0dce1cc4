package dev.mwaalogin.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which Airflow role a caller gets: ordered rules {@code pattern=AirflowRole}, read from {@code ROLE_MAPPING}; a rule
 * {@code pattern=AirflowRole@environment} applies in that environment only, one without {@code @} in every one.
 *
 * <p>A pattern matches one of the caller's groups; {@code *} inside a pattern stands for any run of characters, and a
 * pattern that is a lone {@code *} matches every authenticated caller, even one without groups. Of all the rules that
 * match, the highest Airflow role wins ({@link AirflowRole} order), so the order of the rules never widens or narrows
 * anyone's access. No rule matches: no role, and the caller is refused (deny by default).
 */
public final class RoleMapping {

    /** Bounds the work a caller with very many groups can cause; IdPs cap groups in tokens far lower. */
    static final int MAX_GROUPS = 200;
    static final int MAX_RULES = 50;
    private static final java.util.regex.Pattern ENVIRONMENT = java.util.regex.Pattern.compile(
            "[a-zA-Z][0-9a-zA-Z_-]{0,79}");

    private final List<Rule> rules;

    private RoleMapping(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * One rule: callers in a group matching {@code pattern} get {@code role}.
     *
     * @param environment the one environment the rule applies in, or null for every one
     */
    public record Rule(String pattern, AirflowRole role, String environment) {

        public Rule(String pattern, AirflowRole role) {
            this(pattern, role, null);
        }

        boolean appliesIn(String name) {
            return environment == null || environment.equals(name);
        }
    }

    /**
     * Reads {@code pattern=Role;pattern=Role}. Blank means no mapping (everyone shares the function's identity).
     *
     * @throws IllegalArgumentException naming {@code ROLE_MAPPING} and what is wrong
     */
    public static RoleMapping parse(String value) {
        List<Rule> rules = new ArrayList<>();
        if (value != null) {
            for (String entry : value.split(";", -1)) {
                if (entry.isBlank()) {
                    continue;
                }
                int equals = entry.lastIndexOf('=');
                String pattern = equals < 0 ? "" : entry.substring(0, equals).trim();
                String target = equals < 0 ? "" : entry.substring(equals + 1).trim();
                int at = target.indexOf('@');
                String roleName = at < 0 ? target : target.substring(0, at);
                String environment = at < 0 ? null : target.substring(at + 1);
                if (environment != null && !ENVIRONMENT.matcher(environment).matches()) {
                    throw invalid("rule for " + roleName + ": '@' must be followed by an environment name, e.g. "
                            + "data-eng=Op@analytics");
                }
                if (pattern.isEmpty() || pattern.length() > 256 || pattern.chars().anyMatch(Character::isISOControl)) {
                    throw invalid("each rule must be pattern=AirflowRole, e.g. admins=Admin;*=Viewer");
                }
                AirflowRole role = AirflowRole.named(roleName).orElseThrow(() -> invalid("'" + roleName
                        + "' is not an Airflow role: use Admin, Op, User, Viewer or Public"));
                rules.add(new Rule(pattern, role, environment));
            }
        }
        if (rules.size() > MAX_RULES) {
            throw invalid("has more than " + MAX_RULES + " rules");
        }
        return new RoleMapping(rules);
    }

    /** Whether there are no rules: the function then signs everyone in with its own identity, as before. */
    public boolean isEmpty() {
        return rules.isEmpty();
    }

    public List<Rule> rules() {
        return rules;
    }

    /** Whether a lone {@code *} rule gives everyone who signs in a role, whatever their groups. */
    public boolean admitsEveryone() {
        return rules.stream().anyMatch(rule -> rule.pattern().equals("*"));
    }

    /** Every Airflow role some rule can grant, highest first. */
    public List<AirflowRole> grantableRoles() {
        List<AirflowRole> roles = new ArrayList<>();
        for (AirflowRole role : AirflowRole.values()) {
            if (rules.stream().anyMatch(rule -> rule.role() == role)) {
                roles.add(role);
            }
        }
        return roles;
    }

    /** The environments rules name with {@code @}, each once. */
    public java.util.Set<String> environments() {
        java.util.Set<String> named = new java.util.LinkedHashSet<>();
        rules.stream().map(Rule::environment).filter(java.util.Objects::nonNull).forEach(named::add);
        return named;
    }

    /** The highest role any matching rule for every environment grants the caller; empty when none matches. */
    public Optional<AirflowRole> roleFor(Caller caller) {
        return roleFor(caller, null);
    }

    /**
     * The highest role any matching rule grants the caller in {@code environment} (rules for every environment and
     * those for this one); empty when none matches. A null environment takes only the rules for every environment.
     */
    public Optional<AirflowRole> roleFor(Caller caller, String environment) {
        AirflowRole best = null;
        List<String> groups = caller.groups().size() > MAX_GROUPS ? caller.groups().subList(0, MAX_GROUPS)
                : caller.groups();
        for (Rule rule : rules) {
            if (rule.appliesIn(environment) && rule.role().outranks(best)
                    && matchesAny(rule.pattern(), groups)) {
                best = rule.role();
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean matchesAny(String pattern, List<String> groups) {
        if (pattern.equals("*")) {
            return true;
        }
        for (String group : groups) {
            if (group != null && glob(pattern, group)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code text} matches {@code pattern}, where {@code *} matches any run of characters. Greedy with a
     * single backtrack point, so it is linear in practice and never exponential, whatever a group name holds.
     */
    static boolean glob(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int resume = 0;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) != '*' && pattern.charAt(p) == text.charAt(t)) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    private static IllegalArgumentException invalid(String problem) {
        return new IllegalArgumentException("ROLE_MAPPING " + problem);
    }

    @Override
    public String toString() {
        return rules.isEmpty() ? "RoleMapping[none]" : "RoleMapping" + rules;
    }
}
