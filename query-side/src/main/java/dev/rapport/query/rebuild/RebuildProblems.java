package dev.rapport.query.rebuild;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The ways a rebuild request is refused, as problem+json. */
final class RebuildProblems {

    private RebuildProblems() {
    }

    static final class UnknownProjection extends ErrorResponseException {
        UnknownProjection(String name) {
            super(HttpStatus.NOT_FOUND, problem(HttpStatus.NOT_FOUND, "Not found", "No projection is named '" + name + "'",
                    "unknown-projection"), null);
        }
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail, String code) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setProperty("code", code);
        return problem;
    }
}
