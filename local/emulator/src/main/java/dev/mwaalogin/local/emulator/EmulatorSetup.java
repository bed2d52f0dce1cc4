package dev.mwaalogin.local.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a {@link MwaaEmulator.Builder} into the emulator's parts, checking that they agree: the roles' account and
 * environments, the DAGs' environments, and the secrets. Everything secret it creates goes to the token ledger.
 */
final class EmulatorSetup {

    private final MwaaEmulator.Builder builder;
    private final AwsAccount account;
    private final Map<String, EmulatedEnvironment> environments = new LinkedHashMap<>();
    private final Map<String, FakeAirflow> airflows = new LinkedHashMap<>();
    private final List<EmulatedSecret> secrets = new ArrayList<>();
    private final TokenLedger ledger;

    EmulatorSetup(MwaaEmulator.Builder builder) {
        this.builder = builder;
        this.account = new AwsAccount(accountOf(builder), builder.region);
        builder.generatedEnvironments.forEach((name, version) -> environments.put(name,
                EmulatedEnvironment.withGeneratedHostname(name, builder.region, version)));
        environments.putAll(builder.environments);
        builder.iamRoles.values().forEach(this::check);
        for (String environment : builder.dags.keySet()) {
            if (!environments.containsKey(environment)) {
                throw new IllegalArgumentException("DAGs added to " + environment + ", which is not an environment "
                        + "of this emulator: " + environments.keySet());
            }
        }
        environments.values().forEach(environment -> airflows.put(environment.name(), new FakeAirflow(environment,
                builder.dags.getOrDefault(environment.name(), AirflowDag.EXAMPLES), builder.clock)));
        this.ledger = TokenLedger.at(builder.tokenLedger);
        Instant now = builder.clock.instant();
        builder.secrets.forEach((name, value) -> {
            EmulatedSecret secret = EmulatedSecret.of(name, value, account, now);
            ledger.record(secret.value());
            secrets.add(secret);
        });
    }

    /** The account set on the builder, else the one every role is in, else the default. */
    private static String accountOf(MwaaEmulator.Builder builder) {
        Set<String> accounts = new TreeSet<>();
        builder.iamRoles.values().forEach(role -> accounts.add(role.account()));
        if (builder.account != null) {
            return builder.account;
        }
        if (accounts.size() > 1) {
            throw new IllegalArgumentException("the IAM roles are in several accounts " + accounts
                    + "; the emulator plays one");
        }
        return accounts.isEmpty() ? AwsAccount.DEFAULT_ID : accounts.iterator().next();
    }

    private void check(IamRole role) {
        if (!role.account().equals(account.id())) {
            throw new IllegalArgumentException("IAM role " + role.arn() + " is in account " + role.account()
                    + "; the emulator plays account " + account.id());
        }
        for (String environment : role.environments()) {
            if (!environments.containsKey(environment)) {
                throw new IllegalArgumentException("IAM role " + role.arn() + " grants " + role.airflowRole()
                        + " in " + environment + ", which is not an environment of this emulator: "
                        + environments.keySet());
            }
        }
    }

    AwsAccount account() {
        return account;
    }

    Map<String, EmulatedEnvironment> environments() {
        return environments;
    }

    /** Each environment's Airflow, by environment name. */
    Map<String, FakeAirflow> airflows() {
        return airflows;
    }

    List<EmulatedSecret> secrets() {
        return secrets;
    }

    /** Every endpoint, wired to one set of principals, one token store and the given fault gate. */
    EmulatorRoutes routes(FaultGate gate, AdminEndpoint admin) {
        LoginTokenStore tokens = new LoginTokenStore(builder.clock, builder.tokenTtl, ledger);
        Principals principals = new Principals(builder.credentials,
                MwaaGrant.everywhere(builder.airflowRole, builder.registeredRestApi), builder.clock, ledger);
        SigV4Verifier airflow = verifier("airflow", principals);
        return new EmulatorRoutes(
                new WebTokenEndpoint(environments, airflow, tokens, gate, account),
                new RestApiEndpoint(environments, airflows, airflow, gate, account),
                new GetEnvironmentEndpoint(environments, airflow, gate, account, builder.clock.instant()),
                new StsEndpoint(builder.iamRoles, principals, verifier("sts", principals), gate, account),
                new SecretsManagerEndpoint(secrets, verifier("secretsmanager", principals), gate, account),
                new SsoEndpoints(tokens, builder.tokenTtl, environments),
                admin);
    }

    private SigV4Verifier verifier(String service, Principals principals) {
        return new SigV4Verifier(builder.region, service, principals, builder.clock);
    }
}
