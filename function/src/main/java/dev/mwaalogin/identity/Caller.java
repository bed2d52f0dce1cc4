package dev.mwaalogin.identity;

import java.util.List;

/**
 * Who is calling, as something that authenticated the request vouched for it: API Gateway's JWT or IAM authorizer,
 * or this function's own verified sign-in session or bearer token. Never read from headers, query or body.
 *
 * @param person who it is (an e-mail, a user name, an IAM session name), as the source gave it; not yet made safe
 * @param groups the groups the source puts the person in (JWT groups, the IAM role name, ...); never null
 * @param source what vouched for it
 */
public record Caller(String person, List<String> groups, Source source) {

    /** Longer values are not names anyone signs in with; refusing them bounds what reaches STS and the log. */
    public static final int MAX_PERSON_LENGTH = 256;

    /** What vouched for the caller. */
    public enum Source { JWT_AUTHORIZER, IAM_AUTHORIZER, SESSION, BEARER_TOKEN }

    public Caller {
        groups = List.copyOf(groups);
    }
}
