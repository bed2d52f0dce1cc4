package dev.mwaalogin.local.emulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The names faults are armed under and requests counted under: each environment's name (its CreateWebLoginToken
 * calls), and one reserved name per other API. Reserved names start with {@code _}, which no MWAA environment name
 * can, so they never collide.
 */
final class FaultTargets {

    static final String STS = "_sts";
    static final String SECRETS_MANAGER = "_secretsmanager";
    static final String GET_ENVIRONMENT = "_getenvironment";

    private final FaultBook book;
    private final Map<String, Dialect> dialects = new LinkedHashMap<>();

    FaultTargets(FaultBook book, Set<String> environments) {
        this.book = book;
        environments.forEach(name -> dialects.put(name, Dialect.MWAA));
        dialects.put(STS, Dialect.STS);
        dialects.put(SECRETS_MANAGER, Dialect.SECRETS_MANAGER);
        dialects.put(GET_ENVIRONMENT, Dialect.MWAA);
    }

    /** The control for a target, or empty when there is no such environment or reserved name. */
    Optional<FaultControl> control(String target) {
        Dialect dialect = dialects.get(target);
        return dialect == null ? Optional.empty() : Optional.of(new FaultControl(book, target, dialect));
    }

    Dialect dialect(String target) {
        Dialect dialect = dialects.get(target);
        if (dialect == null) {
            throw new IllegalArgumentException("no environment named '" + target + "', and not one of " + STS + ", "
                    + SECRETS_MANAGER + ", " + GET_ENVIRONMENT);
        }
        return dialect;
    }
}
