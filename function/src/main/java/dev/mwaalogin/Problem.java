package dev.mwaalogin;

/**
 * Why a request did not end in a login: the HTTP status, a stable code for scripts and a message for people.
 *
 * <p>Messages are fixed text or built only from configuration: never from request input, never from an AWS
 * service's own error text.
 *
 * @param status            the HTTP status to answer with
 * @param code              a stable machine-readable code
 * @param message           what happened and what to do, for a person
 * @param retryAfterSeconds a {@code Retry-After} value, or 0 for none
 */
public record Problem(int status, String code, String message, int retryAfterSeconds) {

    static final Problem NO_SUCH_ROUTE = new Problem(404, "NotFound",
            "There is nothing here. Use GET /login or GET /login/{environment}.", 0);
    static final Problem METHOD_NOT_ALLOWED = new Problem(405, "MethodNotAllowed",
            "Only GET mints a login.", 0);
    static final Problem INVALID_FORMAT = new Problem(400, "InvalidFormat",
            "The format query parameter must be 'json' or 'redirect'.", 0);
    static final Problem INVALID_ENVIRONMENT_NAME = new Problem(400, "InvalidEnvironmentName",
            "An environment name starts with a letter and has only letters, digits, '-' and '_' (1 to 80 characters).",
            0);
    static final Problem ENVIRONMENT_NOT_ALLOWED = new Problem(404, "EnvironmentNotFound",
            "This endpoint does not serve that environment. Ask its operator to add it to ALLOWED_ENVIRONMENTS.", 0);
    static final Problem UNREADABLE_REQUEST = new Problem(400, "BadRequest",
            "The request could not be read as an API Gateway proxy event.", 0);
    static final Problem INTERNAL = new Problem(500, "InternalError",
            "The login function failed unexpectedly. Try again; if it persists, tell the operator the request id.", 0);

    static final Problem NO_IDENTITY = new Problem(403, "NoIdentity",
            "This endpoint signs people in as themselves, and no signed-in identity came with the request. Call it "
                    + "through its API, signed or with a token.", 0);
    static final Problem TOO_MANY_GROUPS = new Problem(403, "TooManyGroups",
            "Your sign-in carries more groups than this endpoint can keep (at most " + TokenIdentity.MAX_GROUPS
                    + ", and what a browser's cookie holds). Ask the operator to have the identity provider send only "
                    + "the groups that matter here, e.g. with a filter on its groups claim.", 0);
    static final Problem GROUPS_NOT_IN_TOKEN = new Problem(403, "GroupsNotInToken",
            "Your identity provider left your groups out of the token (Entra ID does so above 200 groups, a \"groups "
                    + "overage\"). Ask the operator to assign only the relevant groups to the application, or to map "
                    + "app roles instead (GroupsClaim=roles).", 0);
    static final Problem NO_AIRFLOW_ROLE = new Problem(403, "NoAirflowRole",
            "You are signed in, but none of your groups is given an Airflow role here. Ask the operator to map one "
                    + "of your groups in ROLE_MAPPING.", 0);

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
                + "IdentityClaim (IDENTITY_CLAIM) to a claim your identity provider vouches for in every token.", 0);
    }

    /** A token without what {@code REQUIRED_CLAIMS} asks for; names the claims, which are configuration. */
    static Problem notAdmitted(RequiredClaims required) {
        return new Problem(403, "NotAdmitted", "You are signed in, but this endpoint admits only the people its "
                + "operator names in RequiredClaims (REQUIRED_CLAIMS: " + required + "), and your sign-in does not "
                + "carry them.", 0);
    }

    static final Problem SIGN_IN_REQUIRED = new Problem(401, "SignInRequired",
            "Sign in first: open this address in a browser, or send Authorization: Bearer with a token from the "
                    + "identity provider.", 0);
    static final Problem INVALID_TOKEN = new Problem(401, "InvalidToken",
            "The bearer token was not accepted. Get a new one from the identity provider.", 0);
    static final Problem SIGN_IN_FAILED = new Problem(400, "SignInFailed",
            "The sign-in could not be completed: it took too long, was already used, or did not start here. "
                    + "Start again at /login.", 0);
    static final Problem SIGN_IN_DENIED = new Problem(403, "SignInDenied",
            "The identity provider did not sign you in.", 0);
    static final Problem SIGN_IN_MISCONFIGURED = new Problem(500, "SignInMisconfigured",
            "This endpoint was reached on a domain it does not know as its own: its operator must set "
                    + "PublicBaseUrl.", 0);
    static final Problem SIGN_IN_UNAVAILABLE = new Problem(502, "SignInUnavailable",
            "Sign-in is not available right now: its settings could not be read. Try again; if it persists, tell "
                    + "the operator the request id.", 0);
    static final Problem PROVIDER_FAILED = new Problem(502, "ProviderUnavailable",
            "The identity provider could not be reached or gave an answer that could not be used. Try again.", 0);
    static final Problem PROVIDER_TIMEOUT = new Problem(504, "ProviderTimeout",
            "The identity provider or a service behind sign-in did not answer in time. Try again.", 0);

    static Problem mwaaEnvironmentNotFound(String region) {
        return new Problem(404, "EnvironmentNotFound",
                "MWAA has no environment with this name in " + region + ".", 0);
    }

    /** @param personal whether the person's own session (an Airflow role's IAM role) was refused */
    static Problem mwaaAccessDenied(String permission, boolean personal) {
        return new Problem(403, "AccessDenied", "MWAA refused to mint a login: "
                + (personal ? "the IAM role for this Airflow role" : "the function's execution role") + " needs "
                + permission + ".", 0);
    }

    static final Problem MWAA_VALIDATION = new Problem(400, "InvalidRequest",
            "MWAA rejected the request as invalid.", 0);
    static final Problem MWAA_THROTTLED = new Problem(429, "Throttled",
            "MWAA is throttling login requests. Try again in a few seconds.", 2);
    static final Problem MWAA_FAILED = new Problem(502, "UpstreamError",
            "MWAA failed to mint a login. Try again; if it persists, check the environment's health.", 0);
    static final Problem MWAA_UNREACHABLE = new Problem(502, "UpstreamUnavailable",
            "MWAA could not be reached or gave an answer that could not be used. Try again.", 0);
    static final Problem MWAA_TIMEOUT = new Problem(504, "UpstreamTimeout",
            "MWAA did not answer in time. Try again.", 0);

    static final Problem STS_ACCESS_DENIED = new Problem(403, "AccessDenied",
            "AWS STS refused the session for your Airflow role: the function's execution role needs sts:AssumeRole and "
                    + "sts:SetSourceIdentity on the role in AIRFLOW_ROLE_ARNS, and that role must trust it with a "
                    + "source identity.", 0);
    static final Problem STS_THROTTLED = new Problem(429, "Throttled",
            "AWS STS is throttling sessions. Try again in a few seconds.", 2);
    static final Problem STS_FAILED = new Problem(502, "UpstreamError",
            "AWS STS failed to start your session. Try again.", 0);
    static final Problem STS_UNREACHABLE = new Problem(502, "UpstreamUnavailable",
            "AWS STS could not be reached or gave an answer that could not be used. Try again.", 0);
    static final Problem STS_TIMEOUT = new Problem(504, "UpstreamTimeout",
            "AWS STS did not answer in time. Try again.", 0);

    /** What a failed MWAA call becomes, for the kinds that need nothing from the request. */
    static Problem forMwaa(UpstreamCallFailed.Kind kind) {
        switch (kind) {
            case INVALID:
                return MWAA_VALIDATION;
            case THROTTLED:
                return MWAA_THROTTLED;
            case TIMEOUT:
                return MWAA_TIMEOUT;
            case FAILED:
            case NOT_FOUND:
            case ACCESS_DENIED:
                return MWAA_FAILED;
            default:
                return MWAA_UNREACHABLE;
        }
    }

    /** What a failed STS call becomes. */
    static Problem forSts(UpstreamCallFailed.Kind kind) {
        switch (kind) {
            case ACCESS_DENIED:
                return STS_ACCESS_DENIED;
            case THROTTLED:
                return STS_THROTTLED;
            case TIMEOUT:
                return STS_TIMEOUT;
            case UNREACHABLE:
            case BAD_ANSWER:
                return STS_UNREACHABLE;
            default:
                return STS_FAILED;
        }
    }
}
