package dev.mwaalogin;

import dev.mwaalogin.api.ApiRequest;
import dev.mwaalogin.aws.MwaaRestApi;
import dev.mwaalogin.identity.AirflowRole;
import dev.mwaalogin.identity.Grant;
import dev.mwaalogin.identity.RequiredClaims;
import dev.mwaalogin.identity.TokenIdentity;
import dev.mwaalogin.identity.VerifiedEmail;
import dev.mwaalogin.request.Failure;
import dev.mwaalogin.request.Failure.Reason;
import dev.mwaalogin.request.Failure.UpstreamFailed;
import dev.mwaalogin.LoginMetrics.Metric;

/**
 * Why a request did not end in a login: the HTTP status, a stable code for scripts, a message for people, and the
 * metric it counts in. {@link #of} is the one place a {@link Failure} becomes one.
 *
 * <p>Messages are fixed text or built only from configuration: never from request input, never from an AWS
 * service's own error text.
 *
 * @param status            the HTTP status to answer with
 * @param code              a stable machine-readable code
 * @param message           what happened and what to do, for a person
 * @param retryAfterSeconds a {@code Retry-After} value, or 0 for none
 * @param metric            the metric the request counts in
 */
public record Problem(int status, String code, String message, int retryAfterSeconds, Metric metric) {

    static final Problem NO_SUCH_ROUTE = new Problem(404, "NotFound",
            "There is nothing here. Use GET /login or GET /login/{environment}.", 0, Metric.REFUSED);
    static final Problem METHOD_NOT_ALLOWED = new Problem(405, "MethodNotAllowed",
            "Only GET mints a login.", 0, Metric.REFUSED);
    static final Problem INVALID_FORMAT = new Problem(400, "InvalidFormat",
            "The format query parameter must be 'json' or 'redirect'.", 0, Metric.REFUSED);
    static final Problem INVALID_ENVIRONMENT_NAME = new Problem(400, "InvalidEnvironmentName",
            "An environment name starts with a letter and has only letters, digits, '-' and '_' (1 to 80 characters).",
            0, Metric.REFUSED);
    static final Problem ENVIRONMENT_NOT_ALLOWED = new Problem(404, "EnvironmentNotFound",
            "This endpoint does not serve that environment. Ask its operator to add it to ALLOWED_ENVIRONMENTS.", 0, Metric.REFUSED);
    static final Problem UNREADABLE_REQUEST = new Problem(400, "BadRequest",
            "The request could not be read as an API Gateway proxy event.", 0, Metric.REFUSED);
    static final Problem INTERNAL = new Problem(500, "InternalError",
            "The login function failed unexpectedly. Try again; if it persists, tell the operator the request id.", 0, Metric.ERROR);

    static final Problem NO_IDENTITY = new Problem(403, "NoIdentity",
            "This endpoint signs people in as themselves, and no signed-in identity came with the request. Call it "
                    + "through its API, signed or with a token.", 0, Metric.REFUSED);
    static final Problem TOO_MANY_GROUPS = new Problem(403, "TooManyGroups",
            "Your sign-in carries more groups than this endpoint can keep (at most " + TokenIdentity.MAX_GROUPS
                    + ", and what a browser's cookie holds). Ask the operator to have the identity provider send only "
                    + "the groups that matter here, e.g. with a filter on its groups claim.", 0, Metric.REFUSED);
    static final Problem GROUPS_NOT_IN_TOKEN = new Problem(403, "GroupsNotInToken",
            "Your identity provider left your groups out of the token (Entra ID does so above 200 groups, a \"groups "
                    + "overage\"). Ask the operator to assign only the relevant groups to the application, or to map "
                    + "app roles instead (GroupsClaim=roles).", 0, Metric.REFUSED);
    static final Problem NO_AIRFLOW_ROLE = new Problem(403, "NoAirflowRole",
            "You are signed in, but none of your groups is given an Airflow role here. Ask the operator to map one "
                    + "of your groups in ROLE_MAPPING.", 0, Metric.REFUSED);

    /**
     * A token that names no one the way the configuration trusts.
     *
     * @param personClaim the configured claim, {@code IDENTITY_CLAIM}
     */
    static Problem unnamed(String personClaim) {
        String rule = personClaim.equals(VerifiedEmail.CLAIM)
                ? "which is missing, empty or not verified (an e-mail address counts only with email_verified true)"
                : "which is missing, empty or not text";
        return new Problem(403, "NoIdentity", "Your sign-in does not name you the way this endpoint trusts: it takes "
                + "you from the claim '" + personClaim + "' of your token, " + rule + ". Ask the operator to set "
                + "IdentityClaim (IDENTITY_CLAIM) to a claim your identity provider vouches for in every token.", 0, Metric.REFUSED);
    }

    /** A token without what {@code REQUIRED_CLAIMS} asks for; names the claims, which are configuration. */
    static Problem notAdmitted(RequiredClaims required) {
        return new Problem(403, "NotAdmitted", "You are signed in, but this endpoint admits only the people its "
                + "operator names in RequiredClaims (REQUIRED_CLAIMS: " + required + "), and your sign-in does not "
                + "carry them.", 0, Metric.REFUSED);
    }

    static final Problem SIGN_IN_REQUIRED = new Problem(401, "SignInRequired",
            "Sign in first: open this address in a browser, or send Authorization: Bearer with a token from the "
                    + "identity provider.", 0, Metric.REFUSED);
    static final Problem INVALID_TOKEN = new Problem(401, "InvalidToken",
            "The bearer token was not accepted. Get a new one from the identity provider.", 0, Metric.REFUSED);
    static final Problem SIGN_IN_FAILED = new Problem(400, "SignInFailed",
            "The sign-in could not be completed: it took too long, was already used, or did not start here. "
                    + "Start again at /login.", 0, Metric.REFUSED);
    static final Problem SIGN_IN_DENIED = new Problem(403, "SignInDenied",
            "The identity provider did not sign you in.", 0, Metric.REFUSED);
    static final Problem SIGN_IN_MISCONFIGURED = new Problem(500, "SignInMisconfigured",
            "This endpoint was reached on a domain it does not know as its own: its operator must set "
                    + "PublicBaseUrl.", 0, Metric.ERROR);
    static final Problem SIGN_IN_UNAVAILABLE = new Problem(502, "SignInUnavailable",
            "Sign-in is not available right now: its settings could not be read. Try again; if it persists, tell "
                    + "the operator the request id.", 0, Metric.SIGN_IN_ERROR);
    static final Problem PROVIDER_FAILED = new Problem(502, "ProviderUnavailable",
            "The identity provider could not be reached or gave an answer that could not be used. Try again.", 0, Metric.SIGN_IN_ERROR);
    static final Problem PROVIDER_TIMEOUT = new Problem(504, "ProviderTimeout",
            "The identity provider or a service behind sign-in did not answer in time. Try again.", 0, Metric.SIGN_IN_ERROR);

    static final Problem API_METHOD_NOT_ALLOWED = new Problem(405, "MethodNotAllowed",
            "Airflow's REST API is called with GET, POST, PUT, PATCH or DELETE.", 0, Metric.REFUSED);
    static final Problem API_BAD_PATH = new Problem(400, "InvalidApiPath",
            "The Airflow path after /api/{environment} must be 1 to " + ApiRequest.MAX_PATH + " characters "
                    + "(MWAA's limit), its segments letters, digits and _.~:+@- only, with at most 50 query "
                    + "parameters.", 0, Metric.REFUSED);
    static final Problem API_BODY_TOO_LARGE = new Problem(413, "BodyTooLarge",
            "The request body is larger than the " + ApiRequest.MAX_BODY_BYTES / 1024 + " KiB forwarded to Airflow.",
            0, Metric.REFUSED);
    static final Problem API_BAD_BODY = new Problem(400, "InvalidBody",
            "The request body must be one JSON object, as Airflow's REST API takes it.", 0, Metric.REFUSED);
    static final Problem API_NOT_ALLOWED = new Problem(403, "ApiCallNotAllowed",
            "This endpoint does not forward that method on that Airflow path. Ask the operator to allow it in "
                    + "ApiPaths (API_PATHS).", 0, Metric.REFUSED);
    static final Problem API_BEARER_REQUIRED = new Problem(401, "BearerTokenRequired",
            "Airflow's REST API is called with Authorization: Bearer and a token from the identity provider; a "
                    + "browser's sign-in cookie never authorizes it.", 0, Metric.REFUSED);
    static final Problem API_NEEDS_ROLE_MAPPING = new Problem(403, "ApiNeedsRoleMapping",
            "Airflow's REST API is called as yourself, and this endpoint signs everyone in with one shared identity. "
                    + "Ask the operator to set RoleMapping (ROLE_MAPPING).", 0, Metric.REFUSED);
    static final Problem API_THROTTLED = new Problem(429, "Throttled",
            "MWAA is throttling calls to Airflow's REST API. Try again in a few seconds.", 2, Metric.MWAA_ERROR);
    static final Problem API_FAILED = new Problem(502, "UpstreamError",
            "MWAA failed to call Airflow's REST API. Try again; if it persists, check the environment's health.", 0,
            Metric.MWAA_ERROR);
    static final Problem API_VALIDATION = new Problem(400, "InvalidRequest",
            "MWAA rejected the call to Airflow's REST API as invalid (its path, method, query or body).", 0,
            Metric.MWAA_ERROR);
    static final Problem API_ANSWER_TOO_LARGE = new Problem(502, "AnswerTooLarge",
            "Airflow's answer is larger than this endpoint can return (" + MwaaRestApi.MAX_ANSWER_CHARS / 1024 / 1024
                    + " MB). Ask for less, e.g. with limit and offset.", 0, Metric.MWAA_ERROR);

    /** Airflow failed behind InvokeRestApi; {@code errorCode} ends in Airflow's status. */
    static Problem airflowFailed(String errorCode) {
        String status = errorCode.substring(errorCode.lastIndexOf('/') + 1);
        return new Problem(502, "AirflowError", "Airflow's REST API failed with HTTP " + (status.matches("[0-9]{3}")
                ? status : "5xx") + ". Try again; if it persists, check the environment's health.", 0,
                Metric.MWAA_ERROR);
    }

    static Problem mwaaEnvironmentNotFound(String region) {
        return new Problem(404, "EnvironmentNotFound",
                "MWAA has no environment with this name in " + region + ".", 0, Metric.MWAA_ERROR);
    }

    /** @param personal whether the person's own session (an Airflow role's IAM role) was refused */
    static Problem mwaaAccessDenied(String permission, boolean personal) {
        return new Problem(403, "AccessDenied", "MWAA refused to mint a login: "
                + (personal ? "the IAM role for this Airflow role" : "the function's execution role") + " needs "
                + permission + ".", 0, Metric.MWAA_ERROR);
    }

    static final Problem MWAA_VALIDATION = new Problem(400, "InvalidRequest",
            "MWAA rejected the request as invalid.", 0, Metric.MWAA_ERROR);
    static final Problem MWAA_THROTTLED = new Problem(429, "Throttled",
            "MWAA is throttling login requests. Try again in a few seconds.", 2, Metric.MWAA_ERROR);
    static final Problem MWAA_FAILED = new Problem(502, "UpstreamError",
            "MWAA failed to mint a login. Try again; if it persists, check the environment's health.", 0, Metric.MWAA_ERROR);
    static final Problem MWAA_UNREACHABLE = new Problem(502, "UpstreamUnavailable",
            "MWAA could not be reached or gave an answer that could not be used. Try again.", 0, Metric.MWAA_ERROR);
    static final Problem MWAA_TIMEOUT = new Problem(504, "UpstreamTimeout",
            "MWAA did not answer in time. Try again.", 0, Metric.MWAA_ERROR);

    static final Problem STS_ACCESS_DENIED = new Problem(403, "AccessDenied",
            "AWS STS refused the session for your Airflow role: the function's execution role needs sts:AssumeRole and "
                    + "sts:SetSourceIdentity on the role in AIRFLOW_ROLE_ARNS, and that role must trust it with a "
                    + "source identity.", 0, Metric.STS_ERROR);
    static final Problem STS_THROTTLED = new Problem(429, "Throttled",
            "AWS STS is throttling sessions. Try again in a few seconds.", 2, Metric.STS_ERROR);
    static final Problem STS_FAILED = new Problem(502, "UpstreamError",
            "AWS STS failed to start your session. Try again.", 0, Metric.STS_ERROR);
    static final Problem STS_UNREACHABLE = new Problem(502, "UpstreamUnavailable",
            "AWS STS could not be reached or gave an answer that could not be used. Try again.", 0, Metric.STS_ERROR);
    static final Problem STS_TIMEOUT = new Problem(504, "UpstreamTimeout",
            "AWS STS did not answer in time. Try again.", 0, Metric.STS_ERROR);

    /** The function ran out of time before a call could be made: its own timeout, not the service's. */
    static final Problem NO_TIME_LEFT = new Problem(504, "NoTimeLeft",
            "The login function ran out of time before it could call AWS. Try again; if it persists, tell the "
                    + "operator the request id (the function's timeout may be too short).", 0, Metric.ERROR);

    /**
     * The answer to a failure: the one place any failure becomes an answer, a log code and a metric.
     *
     * @param config     for the messages built from configuration
     * @param facts      the environment and grant known when it failed, for naming a missing permission
     * @param invocation the function's partition and account, for the same
     */
    static Problem of(Failure failure, Config config, Outcome.Facts facts, Invocation invocation) {
        // A switch over the sealed type once the build targets Java 21; ProblemTest checks every variant is here.
        if (failure instanceof UpstreamFailed upstream) {
            return upstream(upstream, config, facts, invocation);
        }
        return refused(((Failure.Refused) failure).reason(), config);
    }

    private static Problem refused(Reason reason, Config config) {
        return switch (reason) {
            case NO_SUCH_ROUTE -> NO_SUCH_ROUTE;
            case METHOD_NOT_ALLOWED -> METHOD_NOT_ALLOWED;
            case INVALID_FORMAT -> INVALID_FORMAT;
            case INVALID_ENVIRONMENT_NAME -> INVALID_ENVIRONMENT_NAME;
            case ENVIRONMENT_NOT_ALLOWED -> ENVIRONMENT_NOT_ALLOWED;
            case UNREADABLE_REQUEST -> UNREADABLE_REQUEST;
            case NO_IDENTITY -> NO_IDENTITY;
            case UNNAMED -> unnamed(config.identity().personClaim());
            case NOT_ADMITTED -> notAdmitted(config.identity().requiredClaims());
            case TOO_MANY_GROUPS -> TOO_MANY_GROUPS;
            case GROUPS_NOT_IN_TOKEN -> GROUPS_NOT_IN_TOKEN;
            case NO_AIRFLOW_ROLE -> NO_AIRFLOW_ROLE;
            case SIGN_IN_REQUIRED -> SIGN_IN_REQUIRED;
            case INVALID_TOKEN -> INVALID_TOKEN;
            case SIGN_IN_FAILED -> SIGN_IN_FAILED;
            case SIGN_IN_DENIED -> SIGN_IN_DENIED;
            case SIGN_IN_MISCONFIGURED -> SIGN_IN_MISCONFIGURED;
            case SIGN_IN_UNAVAILABLE -> SIGN_IN_UNAVAILABLE;
            case API_METHOD_NOT_ALLOWED -> API_METHOD_NOT_ALLOWED;
            case API_BAD_PATH -> API_BAD_PATH;
            case API_BODY_TOO_LARGE -> API_BODY_TOO_LARGE;
            case API_BAD_BODY -> API_BAD_BODY;
            case API_NOT_ALLOWED -> API_NOT_ALLOWED;
            case API_BEARER_REQUIRED -> API_BEARER_REQUIRED;
            case API_NEEDS_ROLE_MAPPING -> API_NEEDS_ROLE_MAPPING;
            case INTERNAL -> INTERNAL;
        };
    }

    private static Problem upstream(UpstreamFailed failed, Config config, Outcome.Facts facts,
                                    Invocation invocation) {
        if (failed.kind() == Failure.Kind.NO_TIME_LEFT) {
            return NO_TIME_LEFT;
        }
        if (failed.service() == Failure.Service.MWAA && facts.api() != null) {
            return switch (failed.kind()) {
                case NOT_FOUND -> mwaaEnvironmentNotFound(config.region());
                case ACCESS_DENIED -> new Problem(403, "AccessDenied", "MWAA refused the call to Airflow's REST API: "
                        + "the IAM role for this Airflow role needs " + permission("airflow:InvokeRestApi", config,
                        facts, invocation) + ".", 0, Metric.MWAA_ERROR);
                case INVALID -> API_VALIDATION;
                case THROTTLED -> API_THROTTLED;
                case TIMEOUT -> MWAA_TIMEOUT;
                case AIRFLOW_FAILED -> airflowFailed(failed.errorCode());
                case TOO_LARGE -> API_ANSWER_TOO_LARGE;
                case FAILED -> API_FAILED;
                default -> MWAA_UNREACHABLE;
            };
        }
        return switch (failed.service()) {
            case MWAA -> switch (failed.kind()) {
                case NOT_FOUND -> mwaaEnvironmentNotFound(config.region());
                case ACCESS_DENIED -> mwaaAccessDenied(permission("airflow:CreateWebLoginToken", config, facts,
                        invocation),
                        facts.grant() instanceof Grant.Personal);
                case INVALID -> MWAA_VALIDATION;
                case THROTTLED -> MWAA_THROTTLED;
                case TIMEOUT -> MWAA_TIMEOUT;
                case FAILED -> MWAA_FAILED;
                default -> MWAA_UNREACHABLE;
            };
            case STS -> switch (failed.kind()) {
                case ACCESS_DENIED -> STS_ACCESS_DENIED;
                case THROTTLED -> STS_THROTTLED;
                case TIMEOUT -> STS_TIMEOUT;
                case UNREACHABLE, BAD_ANSWER -> STS_UNREACHABLE;
                default -> STS_FAILED;
            };
            case SECRETS -> failed.kind() == Failure.Kind.TIMEOUT ? PROVIDER_TIMEOUT : SIGN_IN_UNAVAILABLE;
            case PROVIDER -> failed.kind() == Failure.Kind.TIMEOUT ? PROVIDER_TIMEOUT : PROVIDER_FAILED;
        };
    }

    /** Names the exact grant that is missing, with partition and account taken from the function's own ARN. */
    private static String permission(String action, Config config, Outcome.Facts facts, Invocation invocation) {
        AirflowRole personal = facts.grant() instanceof Grant.Personal person ? person.role() : null;
        return action + " on arn:" + invocation.partition() + ":airflow:" + config.region() + ":"
                + invocation.account() + ":role/" + facts.environment() + "/"
                + (personal == null ? config.airflowRole() : personal.name());
    }
}
