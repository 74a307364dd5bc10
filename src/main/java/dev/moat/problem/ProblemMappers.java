package dev.moat.problem;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.CharConversionException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into application/problem+json: the caller gets a message to act on, never a stack trace. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response mapProblem(ProblemException e, UriInfo uri) {
        return Problem.of(e.status(), e.title(), e.getMessage(), path(uri)).toResponse();
    }

    @ServerExceptionMapper
    public Response mapConstraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream()
                .map(err -> err.field() + ": " + err.message())
                .reduce((a, b) -> a + "; " + b)
                .orElse("invalid request");
        return new Problem("about:blank", "Invalid request", 400, detail, path(uri), errors).toResponse();
    }

    @ServerExceptionMapper
    public Response mapJson(JsonProcessingException e, UriInfo uri) {
        return Problem.of(400, "Malformed JSON", describe(e), path(uri)).toResponse();
    }

    @ServerExceptionMapper
    public Response mapMismatchedInput(MismatchedInputException e, UriInfo uri) {
        return mapJson(e, uri);
    }

    /**
     * A body whose bytes are text in no encoding JSON allows: Jackson guesses the encoding from the first bytes (zero
     * bytes there mean UTF-32) and fails on the first character that breaks it.
     */
    @ServerExceptionMapper
    public Response mapUnreadableText(CharConversionException e, UriInfo uri) {
        return Problem.of(
                        400,
                        "Malformed JSON",
                        "The body is not JSON text (UTF-8, UTF-16 or UTF-32): " + e.getMessage(),
                        path(uri))
                .toResponse();
    }

    @ServerExceptionMapper
    public Response mapWebApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return mapJson(json, uri);
        }
        if (e.getCause() instanceof CharConversionException text) {
            return mapUnreadableText(text, uri);
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "HTTP " + status : type.getReasonPhrase();
        return Problem.of(status, title, e.getMessage(), path(uri)).toResponse();
    }

    @ServerExceptionMapper
    public Response mapUnexpected(Throwable e, UriInfo uri) {
        if (databaseUnavailable(e)) {
            LOG.warnf("Database unavailable on %s: %s", path(uri), e.getMessage());
            return Response.fromResponse(Problem.of(
                                    503,
                                    "Database unavailable",
                                    "Moat cannot reach its database; nothing in this request was applied. Retry in a"
                                            + " few seconds: it reconnects by itself when the database is back.",
                                    path(uri))
                            .toResponse())
                    .header("Retry-After", "5")
                    .build();
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure on %s (incident %s)", path(uri), incident);
        return Problem.of(
                        500,
                        "Internal error",
                        "Moat failed unexpectedly; nothing in this request was half-applied. Incident " + incident
                                + " is in the server log.",
                        path(uri))
                .toResponse();
    }

    /**
     * True when the failure is the database being out of reach: an SQL state of class 08 (connection exception) or
     * 57P (PostgreSQL shutting down), or the pool finding no connection in time.
     */
    static boolean databaseUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                    return true;
                }
                if (sql.getMessage() != null && sql.getMessage().contains("Acquisition timeout")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String path(UriInfo uri) {
        return Problem.path(uri);
    }

    /** "add.userId" or "addBatch.body[3].text" become "userId" and "body[3].text": the method name is noise. */
    /** Where the violation is, after the method's name, its last property as the JSON names it. */
    private static String field(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString();
        int dot = path.indexOf('.');
        String field = dot < 0 ? path : path.substring(dot + 1);
        String leaf = null;
        for (Path.Node node : v.getPropertyPath()) {
            leaf = node.getName();
        }
        Object bean = v.getLeafBean();
        if (leaf != null && bean != null && bean.getClass().isRecord() && field.endsWith(leaf)) {
            for (var component : bean.getClass().getRecordComponents()) {
                JsonProperty named = component.getAccessor().getAnnotation(JsonProperty.class);
                if (component.getName().equals(leaf)
                        && named != null
                        && !named.value().isEmpty()) {
                    return field.substring(0, field.length() - leaf.length()) + named.value();
                }
            }
        }
        return field;
    }

    static String describe(JsonProcessingException e) {
        if (e instanceof JsonParseException parse) {
            var at = parse.getLocation();
            return "The body is not valid JSON (line " + at.getLineNr() + ", column " + at.getColumnNr() + "): "
                    + parse.getOriginalMessage();
        }
        if (e instanceof JsonMappingException mapping) {
            String where = jsonPath(mapping);
            if (mapping instanceof UnrecognizedPropertyException unknown) {
                return "Unknown field '" + unknown.getPropertyName() + "' at " + where + ".";
            }
            if (mapping instanceof ValueInstantiationException && mapping.getCause() != null) {
                return where + ": " + mapping.getCause().getMessage();
            }
            if (mapping instanceof InvalidFormatException format) {
                return where + ": '" + format.getValue() + "' is not a valid "
                        + format.getTargetType().getSimpleName() + ".";
            }
            if (mapping instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
                return where + ": expected " + typeName(mismatched.getTargetType()) + ".";
            }
            return where + ": " + mapping.getOriginalMessage();
        }
        return "The body could not be read as JSON.";
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder("$");
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String typeName(Class<?> type) {
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "a JSON array";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 timestamp such as 2024-05-08T13:56:00Z";
        }
        return "a JSON object";
    }
}
