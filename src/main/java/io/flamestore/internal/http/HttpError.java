package io.flamestore.internal.http;

/**
 * A request the API refuses, with the status to answer and a message for the client. Thrown from
 * deep inside parsing (a body limit hit while gunzipping, say) and turned into a response at the top.
 */
public final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public HttpError(int status, String message) {
        super(message, null, false, false); // no stack trace: it is a message to the client, not a bug
        this.status = status;
    }

    public int status() {
        return status;
    }

    static HttpError badRequest(String message) {
        return new HttpError(400, message);
    }
}
