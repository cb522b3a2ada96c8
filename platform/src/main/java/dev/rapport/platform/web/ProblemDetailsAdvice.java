package dev.rapport.platform.web;

import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.messaging.interceptors.JSR303ViolationException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Every error leaves as RFC 9457 {@code application/problem+json}: bad input is a 400 naming the
 * fields at fault (member {@code errors}), an unknown id a 404, a broken rule a 422 with a stable
 * {@code code}, a conflict a 409. Nothing is half-written: these are all raised before or instead of
 * an event being stored.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(e -> new FieldError(e.getField(), e.getDefaultMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        return ResponseEntity.badRequest().body(invalid(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex, HttpHeaders headers,
                                                                            HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldError(result.getMethodParameter().getParameterName(), error.getDefaultMessage())))
                .toList();
        return ResponseEntity.badRequest().body(invalid(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        RequestBodyLimit.TooLarge tooLarge = causeOf(ex, RequestBodyLimit.TooLarge.class);
        if (tooLarge != null) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge(tooLarge));
        }
        ProblemDetail problem;
        if (ex.getMostSpecificCause() instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            String field = fieldPath(jackson.getPath());
            problem = invalid(List.of(new FieldError(field, jackson.getOriginalMessage())));
        } else {
            problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request body is missing or is not valid JSON");
            problem.setTitle("Unreadable request");
        }
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException ex) {
        return invalid(List.of(new FieldError(ex.getName(), "has the wrong type or format: " + ex.getValue())));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail constraintViolation(ConstraintViolationException ex) {
        return invalid(violations(ex.getConstraintViolations()));
    }

    @ExceptionHandler(JSR303ViolationException.class)
    ProblemDetail commandViolation(JSR303ViolationException ex) {
        return invalid(violations(ex.getViolations()));
    }

    @ExceptionHandler(InvalidField.class)
    ProblemDetail invalidField(InvalidField ex) {
        return invalid(List.of(new FieldError(ex.field(), ex.getMessage())));
    }

    @ExceptionHandler({NotFound.class, AggregateNotFoundException.class})
    ProblemDetail notFound(RuntimeException ex) {
        String detail = ex instanceof AggregateNotFoundException missing
                ? "Nothing with id '" + missing.getAggregateIdentifier() + "' exists"
                : ex.getMessage();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        problem.setTitle("Not found");
        return problem;
    }

    @ExceptionHandler(RuleViolation.class)
    ProblemDetail ruleViolation(RuleViolation ex) {
        HttpStatus status = ex.conflict() ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_CONTENT;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
        problem.setTitle("Business rule violated");
        problem.setProperty("code", ex.code());
        return problem;
    }

    @ExceptionHandler(NotYetConsistent.class)
    ResponseEntity<ProblemDetail> notYetConsistent(NotYetConsistent ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
        problem.setTitle("Not yet consistent");
        problem.setProperty("projection", ex.projection());
        problem.setProperty("position", ex.position());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
    }

    @ExceptionHandler(TooManySubscribers.class)
    ResponseEntity<ProblemDetail> tooManySubscribers(TooManySubscribers ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
        problem.setTitle("Too many subscriptions");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "10")
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(TooManySubscriptions.class)
    ResponseEntity<ProblemDetail> tooManySubscriptions(TooManySubscriptions ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, ex.getMessage());
        problem.setTitle("Too many subscriptions");
        problem.setProperty("limit", "rapport.limits.subscriptions-per-minute");
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, String.valueOf(ex.retryAfterSeconds()))
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(RequestBodyLimit.TooLarge.class)
    ProblemDetail bodyTooLarge(RequestBodyLimit.TooLarge ex) {
        return tooLarge(ex);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badArgument(IllegalArgumentException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
        problem.setTitle("Invalid request");
        return problem;
    }

    @ExceptionHandler(AggregateStreamCreationException.class)
    ProblemDetail alreadyExists(AggregateStreamCreationException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "It already exists");
        problem.setTitle("Already exists");
        problem.setProperty("code", "already-exists");
        return problem;
    }

    @ExceptionHandler(ConcurrencyException.class)
    ProblemDetail concurrentChange(ConcurrencyException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "Changed concurrently by another request; retry with the current state");
        problem.setTitle("Concurrent modification");
        problem.setProperty("code", "concurrent-modification");
        return problem;
    }

    @ExceptionHandler(ConcurrentModification.class)
    ResponseEntity<ProblemDetail> lostTheRace(ConcurrentModification ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
        problem.setTitle("Concurrent modification");
        problem.setProperty("code", "concurrent-modification");
        problem.setProperty("aggregateId", ex.aggregateId());
        problem.setProperty("retryable", true);
        return ResponseEntity.status(HttpStatus.CONFLICT).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
    }

    /** A command handler on another node (Axon Server) failed: answer as if it had failed here. */
    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> remoteCommandFailure(CommandExecutionException ex) {
        if (ex.getCause() instanceof RuntimeException cause && !(cause instanceof CommandExecutionException)) {
            return handleCause(cause);
        }
        return unexpected(ex);
    }

    /**
     * Anything else is a 500, except the database being unreachable, however deeply wrapped (Axon wraps
     * it in its own event-store and JDBC exceptions, Spring in transaction exceptions): that is a 503 the
     * client may retry: the command's transaction did not commit (unless the connection broke during the
     * commit itself, which no database client can tell apart).
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        if (DatabaseUnavailable.isCauseOf(ex)) {
            log.warn("Database unavailable: {}", DatabaseUnavailable.describe(ex));
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "The database cannot be reached; retry later.");
            problem.setTitle("Service unavailable");
            problem.setProperty("code", "database-unavailable");
            return problem(problem, DatabaseUnavailable.RETRY_AFTER_SECONDS);
        }
        SQLException refusedValue = dataException(ex);
        if (refusedValue != null) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "A value cannot be stored or searched for (too long, a NUL character, or a date out of range)");
            problem.setTitle("Invalid request");
            problem.setProperty("code", "unstorable-value");
            return problem(problem, null);
        }
        log.error("Unexpected failure", ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred; it has been logged");
        problem.setTitle("Internal error");
        return problem(problem, null);
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem, Integer retryAfterSeconds) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.getStatus())
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON);
        if (retryAfterSeconds != null) {
            response.header(HttpHeaders.RETRY_AFTER, retryAfterSeconds.toString());
        }
        return response.body(problem);
    }

    private ResponseEntity<ProblemDetail> handleCause(RuntimeException cause) {
        if (cause instanceof RuleViolation rule) {
            return problem(ruleViolation(rule), null);
        } else if (cause instanceof AggregateNotFoundException || cause instanceof NotFound) {
            return problem(notFound(cause), null);
        } else if (cause instanceof AggregateStreamCreationException exists) {
            return problem(alreadyExists(exists), null);
        } else if (cause instanceof ConcurrencyException conflict) {
            return problem(concurrentChange(conflict), null);
        } else if (cause instanceof ConcurrentModification conflict) {
            return lostTheRace(conflict);
        } else if (cause instanceof JSR303ViolationException violation) {
            return problem(commandViolation(violation), null);
        }
        return unexpected(cause);
    }

    /**
     * PostgreSQL's data exceptions (SQLState class 22: value too long, NUL byte in text, datetime out of
     * range, ...) are caused by the values a request passed in, so they are the client's error, not a 500;
     * the statement failed, so nothing was written.
     */
    private static SQLException dataException(Throwable ex) {
        for (Throwable cause = ex; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (next.getSQLState() != null && next.getSQLState().startsWith("22")) {
                        return next;
                    }
                }
            }
        }
        return null;
    }

    private static ProblemDetail tooLarge(RequestBodyLimit.TooLarge ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, ex.getMessage());
        problem.setTitle("Request body too large");
        problem.setProperty("limit", "rapport.limits.max-request-body");
        problem.setProperty("maxBytes", ex.maxBytes());
        return problem;
    }

    private static <T extends Throwable> T causeOf(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    static ProblemDetail invalid(List<FieldError> errors) {
        String fields = errors.stream().map(FieldError::field).distinct().collect(Collectors.joining(", "));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid field(s): " + fields);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return problem;
    }

    private static List<FieldError> violations(java.util.Set<? extends ConstraintViolation<?>> violations) {
        return violations.stream()
                .map(v -> new FieldError(v.getPropertyPath().toString(), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
    }

    private static String fieldPath(List<JacksonException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference reference : path) {
            if (reference.getPropertyName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }
}
