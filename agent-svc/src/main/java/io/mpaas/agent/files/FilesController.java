package io.mpaas.agent.files;

import io.mpaas.protocol.mesos.MesosJson;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Mesos's {@code /files} endpoints on the agent, under their current names and the {@code .json}
 * names Mesos had before 1.0: {@code browse}, {@code read}, {@code download} and {@code debug}.
 * Query parameters, statuses and bodies are Mesos's (plain-text refusals, JSON answers, JSONP on
 * request, which Mesos's web UI uses for browse and read); the refusals are mapped here rather than
 * in a service-wide advice because they are this API's own.
 */
@RestController
class FilesController {

    /** JSONP callbacks are JavaScript names (dots allowed); anything else would be script injection. */
    private static final Pattern CALLBACK = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*");

    /** libprocess's content type for plain-text bodies. */
    private static final MediaType PLAIN_TEXT = MediaType.parseMediaType("text/plain; charset=utf-8");

    private final SandboxFiles files;

    FilesController(SandboxFiles files) {
        this.files = files;
    }

    @GetMapping({"/files/browse", "/files/browse.json"})
    ResponseEntity<byte[]> browse(@RequestParam(name = "path", required = false) String path,
                                  @RequestParam(name = "jsonp", required = false) String jsonp) {
        String callback = callback(jsonp);
        return json(files.browse(path), callback);
    }

    @GetMapping({"/files/read", "/files/read.json"})
    ResponseEntity<byte[]> read(@RequestParam(name = "path", required = false) String path,
                                @RequestParam(name = "offset", required = false) String offset,
                                @RequestParam(name = "length", required = false) String length,
                                @RequestParam(name = "jsonp", required = false) String jsonp) {
        String callback = callback(jsonp);
        if (path == null || path.isEmpty()) {
            throw SandboxFileError.missingPath(); // before the numbers, as Mesos checks them
        }
        long from = offset == null ? -1 : number("offset", offset);
        Long count = length == null ? null : number("length", length);
        return json(files.read(path, from, count), callback);
    }

    /**
     * The file as it is, typed after its name's extension ({@code application/octet-stream} when
     * that says nothing, as for {@code stdout}), as an attachment.
     */
    @GetMapping({"/files/download", "/files/download.json"})
    void download(@RequestParam(name = "path", required = false) String path, HttpServletResponse response)
            throws IOException {
        try (SandboxFile file = files.open(path)) {
            MediaType type = MediaTypeFactory.getMediaType(file.name()).orElse(MediaType.APPLICATION_OCTET_STREAM);
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(type.toString());
            response.setContentLengthLong(file.size());
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, attachment(file.name()));
            file.transferTo(response.getOutputStream());
        }
    }

    /** The attached paths: the sandbox root and its real path, once it exists. */
    @GetMapping({"/files/debug", "/files/debug.json"})
    ResponseEntity<byte[]> debug(@RequestParam(name = "jsonp", required = false) String jsonp) {
        String callback = callback(jsonp);
        return json(files.attachments(), callback);
    }

    @ExceptionHandler(SandboxFileError.class)
    ResponseEntity<byte[]> refused(SandboxFileError e) {
        HttpStatus status = switch (e.code()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case NOT_A_FILE, BAD_REQUEST -> HttpStatus.BAD_REQUEST;
        };
        return plain(status, e.getMessage());
    }

    /** A file that exists but cannot be read (permissions, I/O): Mesos answers 500 too. */
    @ExceptionHandler(UncheckedIOException.class)
    ResponseEntity<byte[]> failed(UncheckedIOException e) {
        return plain(HttpStatus.INTERNAL_SERVER_ERROR, e.getMessage() + ": " + e.getCause().getMessage() + ".\n");
    }

    /** Mesos's reading of a number, with its message when it is not one. */
    private static long number(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new SandboxFileError(SandboxFileError.Code.BAD_REQUEST,
                    "Failed to parse " + name + ": Failed to convert '" + value + "' to number.\n");
        }
    }

    private static String callback(String jsonp) {
        if (jsonp != null && !CALLBACK.matcher(jsonp).matches()) {
            throw new SandboxFileError(SandboxFileError.Code.BAD_REQUEST,
                    "Invalid 'jsonp' callback '" + jsonp + "': expected a JavaScript function name");
        }
        return jsonp;
    }

    /** {@code application/json}, or with JSONP {@code text/javascript} and {@code callback(...)} around it. */
    private static ResponseEntity<byte[]> json(Object value, String callback) {
        byte[] document = MesosJson.write(value);
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().header("X-Content-Type-Options", "nosniff");
        if (callback == null) {
            return ok.contentType(MediaType.APPLICATION_JSON).body(document);
        }
        byte[] prefix = (callback + "(").getBytes(StandardCharsets.US_ASCII);
        byte[] wrapped = new byte[prefix.length + document.length + 1];
        System.arraycopy(prefix, 0, wrapped, 0, prefix.length);
        System.arraycopy(document, 0, wrapped, prefix.length, document.length);
        wrapped[wrapped.length - 1] = ')';
        return ok.contentType(MediaType.parseMediaType("text/javascript")).body(wrapped);
    }

    private static ResponseEntity<byte[]> plain(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(PLAIN_TEXT).body(message.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Mesos writes {@code attachment; filename=NAME}; we quote it (RFC 6266), and a name that is not
     * ASCII goes in {@code filename*} (RFC 5987) with an ASCII stand-in beside it.
     */
    private static String attachment(String name) {
        boolean ascii = name.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        ContentDisposition.Builder disposition = ContentDisposition.attachment();
        return (ascii ? disposition.filename(name) : disposition.filename(name, StandardCharsets.UTF_8)).build().toString();
    }
}
