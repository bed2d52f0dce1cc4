package dev.mwaalogin.identity;

import dev.mwaalogin.aws.Deadline;
import dev.mwaalogin.request.Failed;
import dev.mwaalogin.request.Failure;
import dev.mwaalogin.request.Failure.Kind;
import dev.mwaalogin.request.Failure.Service;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * A person's own AWS session for an Airflow role: STS {@code AssumeRole} of that role's IAM role, with the person
 * as {@code RoleSessionName} (which MWAA makes their Airflow user of) and as {@code SourceIdentity} (which CloudTrail
 * keeps on everything the session does, and which no later role chaining can change).
 *
 * <p>Sessions are kept per (IAM role, session name) until shortly before they expire, at most {@link #MAX_ENTRIES},
 * the least recently used going first. They live only in memory and are never logged.
 */
public final class PersonSessions {

    /** STS's shortest session: a login needs the credentials for one MWAA call. */
    public static final Duration SESSION_LENGTH = Duration.ofMinutes(15);
    /** A cached session is used only while it has at least this long to live. */
    public static final Duration RENEW_BEFORE = Duration.ofMinutes(2);
    public static final int MAX_ENTRIES = 500;

    private final StsClient sts;
    private final Clock clock;
    private final Duration clientTimeout;
    private final Map<String, Session> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Session> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    public PersonSessions(StsClient sts, Clock clock, Duration clientTimeout) {
        this.sts = sts;
        this.clock = clock;
        this.clientTimeout = clientTimeout;
    }

    private record Session(AwsCredentialsProvider credentials, Instant expires) {
    }

    /**
     * The person's credentials for an IAM role, from the cache or a new session.
     *
     * @param roleArn     the IAM role of the Airflow role the person was mapped to
     * @param sessionName the person, made valid for STS and MWAA ({@link SessionNames})
     * @throws Failed when STS refuses, throttles, fails or is too slow
     */
    public AwsCredentialsProvider credentials(String roleArn, String sessionName, Deadline deadline) {
        String key = roleArn + '\n' + sessionName;
        synchronized (cache) {
            Session cached = cache.get(key);
            if (cached != null && cached.expires().isAfter(clock.instant().plus(RENEW_BEFORE))) {
                return cached.credentials();
            }
        }
        Session fresh = assume(roleArn, sessionName, deadline);
        synchronized (cache) {
            cache.put(key, fresh);
        }
        return fresh.credentials();
    }

    /** How many sessions are kept; for tests. */
    public int size() {
        synchronized (cache) {
            return cache.size();
        }
    }

    private Session assume(String roleArn, String sessionName, Deadline deadline) {
        AssumeRoleResponse answer = deadline.call(Service.STS, clientTimeout, null,
                override -> sts.assumeRole(AssumeRoleRequest.builder()
                        .roleArn(roleArn)
                        .roleSessionName(sessionName)
                        .sourceIdentity(sessionName)
                        .durationSeconds((int) SESSION_LENGTH.toSeconds())
                        .overrideConfiguration(override)
                        .build()));
        Credentials credentials = answer.credentials();
        if (credentials == null || credentials.accessKeyId() == null || credentials.secretAccessKey() == null
                || credentials.sessionToken() == null || credentials.expiration() == null) {
            throw new Failed(new Failure.UpstreamFailed(Service.STS, Kind.BAD_ANSWER, "NoCredentials",
                    answer.responseMetadata().requestId()));
        }
        return new Session(StaticCredentialsProvider.create(AwsSessionCredentials.create(credentials.accessKeyId(),
                credentials.secretAccessKey(), credentials.sessionToken())), credentials.expiration());
    }
}
