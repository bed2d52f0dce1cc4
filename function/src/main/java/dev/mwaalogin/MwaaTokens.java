package dev.mwaalogin;

import dev.mwaalogin.internal.CannedHttpClient;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.mwaa.MwaaClient;
import software.amazon.awssdk.services.mwaa.MwaaClientBuilder;
import software.amazon.awssdk.services.mwaa.model.AccessDeniedException;
import software.amazon.awssdk.services.mwaa.model.CreateWebLoginTokenResponse;
import software.amazon.awssdk.services.mwaa.model.ResourceNotFoundException;
import software.amazon.awssdk.services.mwaa.model.ValidationException;

/**
 * The one place that talks to MWAA: mints a web login token and checks MWAA's answer before anyone builds a URL
 * from it. Every failure leaves as a {@link MwaaCallFailed} that says what kind of failure it was.
 */
public final class MwaaTokens {

    /** MWAA documents web login tokens as valid for 60 seconds. */
    static final Duration TOKEN_LIFETIME = Duration.ofSeconds(60);
    /** One try and two retries, all inside the deadline: enough for a blip, not enough to pile onto an outage. */
    static final int MAX_ATTEMPTS = 3;

    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    // MWAA's Hostname shape; anything else must not become the host of a redirect.
    private static final Pattern HOSTNAME = Pattern.compile(
            "(([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])\\.)*([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])");
    // The token goes into a URL fragment as-is: accept only characters a fragment may carry unescaped.
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~!$&'()*+,;=:@/?%-]{1,16384}");

    /**
     * When the call running on this thread must be over, in {@link System#nanoTime()} terms. The SDK enforces its
     * call timeout by closing the connection, which does not cut short a connect still in progress, so every
     * connection is opened with only the time that is left.
     */
    private static final ThreadLocal<Long> CALL_ENDS = new ThreadLocal<>();

    private final MwaaClient client;
    private final Clock clock;
    private final Duration callTimeout;

    MwaaTokens(MwaaClient client, Clock clock, Duration callTimeout) {
        this.client = client;
        this.clock = clock;
        this.callTimeout = callTimeout;
    }

    /** Builds the client the function uses: the default credential chain, which is SnapStart-safe. */
    public static MwaaTokens create(Config config) {
        // HttpURLConnection silently sends a failed POST a second time unless told not to; read once, when its
        // HTTP client class first loads, so it has to be set before the first call. Retries are the retry
        // strategy's job: one count of attempts, all inside the deadline.
        System.setProperty("sun.net.http.retryPost", "false");
        // Built from a connection factory rather than the builder, which sets up its own TLS context at once:
        // loading the trust store then costs a cold start even when the endpoint is plain http (an emulator).
        // HttpsURLConnection sets up the JDK's default TLS context on the first https call instead.
        Duration callTimeout = config.mwaaTimeout();
        SdkHttpClient http = UrlConnectionHttpClient.create(uri -> open(uri, callTimeout));
        return new MwaaTokens(client(config, http, DefaultCredentialsProvider.builder().build()), Clock.systemUTC(),
                callTimeout);
    }

    /** A twin that answers from memory with a fake login: warms the whole SDK path without network or secrets. */
    static MwaaTokens forPriming(Config config) {
        AwsCredentialsProvider fake = StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIAPRIMINGPRIMING00", "priming-secret-not-a-real-key"));
        return new MwaaTokens(client(config, CannedHttpClient.primingAnswer(), fake), Clock.systemUTC(),
                config.mwaaTimeout());
    }

    /** A connection whose connect and read both give up when the call's deadline does, never later. */
    static HttpURLConnection open(URI uri, Duration callTimeout) {
        Long endsAt = CALL_ENDS.get();
        long left = endsAt == null ? callTimeout.toMillis()
                : Math.max(1, TimeUnit.NANOSECONDS.toMillis(endsAt - System.nanoTime()));
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout((int) Math.min(left, MAX_CONNECT_TIMEOUT.toMillis()));
            connection.setReadTimeout((int) Math.min(left, Integer.MAX_VALUE));
            return connection;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MwaaClient client(Config config, SdkHttpClient http, AwsCredentialsProvider credentials) {
        MwaaClientBuilder builder = MwaaClient.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentials)
                .httpClient(http)
                .overrideConfiguration(o -> {
                    o.apiCallTimeout(config.mwaaTimeout());
                    // Standard retries with backoffs sized to the deadline; an unreadable answer is not retried.
                    o.retryStrategy(MwaaRetries.forDeadline(config.mwaaTimeout()));
                    o.addExecutionInterceptor(new KeepRequestIdOfUnreadableAnswers());
                    // An explicit endpoint (a VPC endpoint, an emulator) is used exactly as given: the `env.` host
                    // prefix is for MWAA's public endpoint and would break an IP address or a private DNS name.
                    config.mwaaEndpoint().ifPresent(endpoint ->
                            o.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true));
                });
        config.mwaaEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * Mints a login for an environment.
     *
     * @param environment a valid, allow-listed environment name
     * @param deadline    the whole call, retries included, must end within this; null for the client's own
     * @throws MwaaCallFailed whatever went wrong, classified
     */
    public WebLogin mint(String environment, Duration deadline) {
        // Taken before the call: MWAA starts the token's 60 s no earlier, so the estimate never runs late.
        Instant expiresAt = clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(TOKEN_LIFETIME);
        CreateWebLoginTokenResponse answer;
        CALL_ENDS.set(System.nanoTime() + (deadline == null ? callTimeout : deadline).toNanos());
        try {
            answer = deadline == null ? client.createWebLoginToken(request -> request.name(environment))
                    : client.createWebLoginToken(request -> request.name(environment)
                            .overrideConfiguration(o -> o.apiCallTimeout(deadline)));
        } catch (RuntimeException e) {
            throw classify(e);
        } finally {
            CALL_ENDS.remove();
            // The SDK interrupts the calling thread to enforce its deadline; the next invocation must not inherit it.
            Thread.interrupted();
        }
        String requestId = answer.responseMetadata().requestId();
        if (answer.webServerHostname() == null || answer.webServerHostname().length() > 255
                || !HOSTNAME.matcher(answer.webServerHostname()).matches()
                || answer.webToken() == null || !TOKEN.matcher(answer.webToken()).matches()) {
            throw new MwaaCallFailed(MwaaCallFailed.Kind.BAD_ANSWER, "UnusableAnswer", requestId);
        }
        return new WebLogin(environment, answer.webToken(), answer.webServerHostname(), answer.iamIdentity(),
                answer.airflowIdentity(), expiresAt, requestId);
    }

    static MwaaCallFailed classify(RuntimeException e) {
        UnreadableAnswer unreadable = causeOf(e, UnreadableAnswer.class);
        if (unreadable != null) {
            // MWAA answered, so its request id goes to the log; the failure's name is that of what was thrown.
            return new MwaaCallFailed(MwaaCallFailed.Kind.BAD_ANSWER, rootCauseName(unreadable.getCause()),
                    unreadable.mwaaRequestId);
        }
        if (e instanceof AwsServiceException) {
            AwsServiceException service = (AwsServiceException) e;
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            code = code == null ? "HTTP" + service.statusCode() : code;
            return new MwaaCallFailed(serviceKind(service), code, service.requestId());
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException
                || causedBy(e, InterruptedIOException.class)) {
            return new MwaaCallFailed(MwaaCallFailed.Kind.TIMEOUT, e.getClass().getSimpleName(), null);
        }
        return new MwaaCallFailed(MwaaCallFailed.Kind.UNREACHABLE, rootCauseName(e), null);
    }

    private static MwaaCallFailed.Kind serviceKind(AwsServiceException e) {
        if (e instanceof ResourceNotFoundException) {
            return MwaaCallFailed.Kind.NOT_FOUND;
        }
        if (e instanceof AccessDeniedException) {
            return MwaaCallFailed.Kind.ACCESS_DENIED;
        }
        if (e instanceof ValidationException) {
            return MwaaCallFailed.Kind.INVALID;
        }
        return e.isThrottlingException() ? MwaaCallFailed.Kind.THROTTLED : MwaaCallFailed.Kind.FAILED;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        return causeOf(e, type) != null;
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    /**
     * An answer MWAA sent that could not be read, with MWAA's request id: the SDK's exception for it carries
     * neither the answer nor the id, and without the id an operator cannot ask AWS about that request.
     */
    static final class UnreadableAnswer extends SdkClientException {
        private final String mwaaRequestId;

        // An SdkClientException like the one it replaces: the SDK lets an interceptor narrow an exception only.
        UnreadableAnswer(String mwaaRequestId, Throwable cause) {
            super(SdkClientException.builder().message("MWAA's answer could not be read").cause(cause));
            this.mwaaRequestId = mwaaRequestId;
        }
    }

    /** Attaches MWAA's request id to a failure to read its answer (see {@link UnreadableAnswer}). */
    static final class KeepRequestIdOfUnreadableAnswers implements ExecutionInterceptor {
        @Override
        public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes attributes) {
            Throwable failure = context.exception();
            if (!MwaaRetries.isUnreadableAnswer(failure)) {
                return failure;
            }
            return context.httpResponse().flatMap(response -> response.firstMatchingHeader("x-amzn-RequestId"))
                    .<Throwable>map(id -> new UnreadableAnswer(id, failure)).orElse(failure);
        }
    }

    private static String rootCauseName(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + "/"
                + root.getClass().getSimpleName();
    }
}
