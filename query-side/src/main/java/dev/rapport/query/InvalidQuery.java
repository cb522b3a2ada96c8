package dev.rapport.query;

import java.util.List;

import dev.rapport.platform.web.FieldError;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A query parameter that passed type conversion but makes no sense (an unknown event type, a cursor
 * that was not handed out, a period ending before it starts): answered 400 problem+json with the same
 * {@code errors} member as any other invalid request.
 */
public class InvalidQuery extends ErrorResponseException {

    public InvalidQuery(String field, String message) {
        super(HttpStatus.BAD_REQUEST, problem(field, message), null);
    }

    private static ProblemDetail problem(String field, String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid field(s): " + field);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", List.of(new FieldError(field, message)));
        return problem;
    }
}
