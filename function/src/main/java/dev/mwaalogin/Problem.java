package dev.mwaalogin;

/**
 * Why a request did not end in a login: the HTTP status, a stable code for scripts and a message for people.
 *
 * <p>Messages are fixed text or built only from configuration: never from request input, never from MWAA's
 * own error text.
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

    static Problem mwaaEnvironmentNotFound(String region) {
        return new Problem(404, "EnvironmentNotFound",
                "MWAA has no environment with this name in " + region + ".", 0);
    }

    static Problem mwaaAccessDenied(String permission) {
        return new Problem(403, "AccessDenied",
                "MWAA refused to mint a login: the function's execution role needs " + permission + ".", 0);
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
}
