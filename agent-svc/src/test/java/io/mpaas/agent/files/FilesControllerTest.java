package io.mpaas.agent.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.util.UriUtils;

/** The {@code /files} endpoints over HTTP: Mesos's parameters, statuses and bodies, byte for byte. */
class FilesControllerTest {

    private static final String PLAIN = "text/plain;charset=utf-8";

    @TempDir
    Path temp;

    private SandboxTree tree;
    private MockMvc mvc;
    private String sandbox;

    @BeforeEach
    void setUp() throws IOException {
        tree = new SandboxTree(temp);
        mvc = MockMvcBuilders.standaloneSetup(new FilesController(tree.files())).build();
        sandbox = tree.sandbox.toString();
    }

    // --- browse ---

    @ParameterizedTest
    @ValueSource(strings = {"/files/browse", "/files/browse.json"})
    void browseListsTheSandboxAsMesosDoes(String endpoint) throws Exception {
        String owner = tree.owner();
        String group = tree.group();
        String expected = "["
                + "{\"gid\":\"" + group + "\",\"mode\":\"-rw-r--r--\",\"mtime\":1700000000,\"nlink\":1,"
                + "\"path\":\"" + sandbox + "/stderr\",\"size\":5,\"uid\":\"" + owner + "\"},"
                + "{\"gid\":\"" + group + "\",\"mode\":\"-rw-r--r--\",\"mtime\":1700000000,\"nlink\":1,"
                + "\"path\":\"" + sandbox + "/stdout\",\"size\":12,\"uid\":\"" + owner + "\"},"
                + "{\"gid\":\"" + group + "\",\"mode\":\"drwxr-xr-x\",\"mtime\":1700000000,\"nlink\":2,"
                + "\"path\":\"" + sandbox + "/sub\",\"size\":" + tree.size(tree.sandbox.resolve("sub"))
                + ",\"uid\":\"" + owner + "\"}"
                + "]";
        json(query(endpoint, "path", sandbox)).andExpect(content().string(expected));
    }

    @Test
    void browseAnEmptyDirectoryOrAFileGivesAnEmptyArray() throws Exception {
        json(query("/files/browse", "path", sandbox + "/sub")).andExpect(content().string("[]"));
        json(query("/files/browse", "path", sandbox + "/stdout")).andExpect(content().string("[]"));
    }

    @Test
    void jsonpWrapsTheAnswerAsJavascriptForMesossWebUi() throws Exception {
        mvc.perform(get("/files/browse").param("path", sandbox + "/sub").param("jsonp", "angular.callbacks._0"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "text/javascript"))
                .andExpect(content().string("angular.callbacks._0([])"));
        mvc.perform(get("/files/read").param("path", sandbox + "/stdout").param("offset", "-1")
                        .param("jsonp", "jQuery1710_1700000000"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "text/javascript"))
                .andExpect(content().string("jQuery1710_1700000000({\"data\":\"\",\"offset\":12})"));
    }

    @Test
    void aJsonpCallbackMustBeAName() throws Exception {
        refused(get("/files/read").param("path", sandbox + "/stdout").param("jsonp", "alert(1)//"), 400,
                "Invalid 'jsonp' callback 'alert(1)//': expected a JavaScript function name");
    }

    // --- read ---

    @ParameterizedTest
    @ValueSource(strings = {"/files/read", "/files/read.json"})
    void readGivesDataAndOffset(String endpoint) throws Exception {
        json(get(endpoint).param("path", sandbox + "/stdout").param("offset", "0").param("length", "2"))
                .andExpect(content().string("{\"data\":\"he\",\"offset\":0}"));
        json(get(endpoint).param("path", sandbox + "/stdout").param("offset", "6"))
                .andExpect(content().string("{\"data\":\"world\\n\",\"offset\":6}"));
        json(get(endpoint).param("path", sandbox + "/stdout").param("offset", "0").param("length", "-1"))
                .andExpect(content().string("{\"data\":\"hello\\nworld\\n\",\"offset\":0}"));
    }

    @Test
    void withoutAnOffsetOrWithMinusOneTheAnswerIsTheSize() throws Exception {
        json(get("/files/read").param("path", sandbox + "/stdout"))
                .andExpect(content().string("{\"data\":\"\",\"offset\":12}"));
        json(get("/files/read").param("path", sandbox + "/stdout").param("offset", "-1").param("length", "-1"))
                .andExpect(content().string("{\"data\":\"\",\"offset\":12}"));
    }

    @Test
    void readingPastTheEndGivesNoDataAtThatOffset() throws Exception {
        json(get("/files/read").param("path", sandbox + "/stdout").param("offset", "100").param("length", "5"))
                .andExpect(content().string("{\"data\":\"\",\"offset\":100}"));
    }

    @Test
    void aReadIsCappedAt64KiB() throws Exception {
        byte[] big = new byte[100_000];
        Arrays.fill(big, (byte) 'y');
        SandboxTree.write(tree.sandbox.resolve("big"), big);
        json(get("/files/read").param("path", sandbox + "/big").param("offset", "0").param("length", "100000"))
                .andExpect(content().string("{\"data\":\"" + "y".repeat(65536) + "\",\"offset\":0}"));
    }

    @Test
    void aGrowingFileIsTailedFromTheSizeReadFirst() throws Exception {
        json(get("/files/read").param("path", sandbox + "/stderr").param("offset", "-1"))
                .andExpect(content().string("{\"data\":\"\",\"offset\":5}"));
        Files.writeString(tree.sandbox.resolve("stderr"), "again\n", StandardOpenOption.APPEND);
        json(get("/files/read").param("path", sandbox + "/stderr").param("offset", "5").param("length", "50000"))
                .andExpect(content().string("{\"data\":\"again\\n\",\"offset\":5}"));
    }

    @Test
    void textIsUtf8AndACutCharacterBecomesAReplacementCharacter() throws Exception {
        SandboxTree.write(tree.sandbox.resolve("utf8"), "é!");
        String body = json(get("/files/read").param("path", sandbox + "/utf8").param("offset", "1"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(body).isEqualTo("{\"data\":\"\uFFFD!\",\"offset\":1}");
    }

    @Test
    void readingADirectoryIsABadRequest() throws Exception {
        refused(get("/files/read").param("path", sandbox).param("offset", "0"), 400, "Cannot read a directory.\n");
    }

    @Test
    void badNumbersAreRefusedWithMesossMessages() throws Exception {
        String file = sandbox + "/stdout";
        refused(get("/files/read").param("path", file).param("offset", "hello"), 400,
                "Failed to parse offset: Failed to convert 'hello' to number.\n");
        refused(get("/files/read").param("path", file).param("length", "hello"), 400,
                "Failed to parse length: Failed to convert 'hello' to number.\n");
        refused(get("/files/read").param("path", file).param("offset", "-2"), 400, "Negative offset provided: -2.\n");
        refused(get("/files/read").param("path", file).param("length", "-2"), 400, "Negative length provided: -2.\n");
    }

    // --- refusals common to all ---

    @ParameterizedTest
    @ValueSource(strings = {"/files/browse", "/files/read", "/files/download", "/files/browse.json",
            "/files/read.json", "/files/download.json"})
    void aMissingOrEmptyPathIsABadRequest(String endpoint) throws Exception {
        refused(get(endpoint), 400, "Expecting 'path=value' in query.\n");
        refused(get(endpoint).param("path", ""), 400, "Expecting 'path=value' in query.\n");
        // The path is looked at first, as in Mesos.
        refused(get(endpoint).param("offset", "hello"), 400, "Expecting 'path=value' in query.\n");
    }

    @Test
    void anUnknownPathIsNotFound() throws Exception {
        refused(query("/files/browse", "path", sandbox + "/nope"), 404, "");
        refused(query("/files/read", "path", sandbox + "/nope"), 404, "");
        refused(query("/files/download", "path", sandbox + "/nope"), 404, "404 Not Found.");
        refused(query("/files/read", "path", "/etc/passwd"), 404, "");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/../../../../../../../../meta/secret",              // plain
            "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/meta/secret",  // encoded dots
            "/%2E%2E%2F%2E%2E%2F%2E%2E%2F%2E%2E%2F%2E%2E%2F%2E%2E%2F%2E%2E%2F%2E%2E%2Fmeta%2Fsecret", // and slashes
            "/link-out/passwd",                                  // a link a task made to elsewhere
            "/link-out-file",
    })
    void nothingOutsideTheSandboxTreeIsServed(String suffix) throws Exception {
        Files.createSymbolicLink(tree.sandbox.resolve("link-out"), tree.outside);
        Files.createSymbolicLink(tree.sandbox.resolve("link-out-file"), tree.outside.resolve("passwd"));
        // The raw query, so that the server does the decoding.
        String query = "?path=" + sandbox + suffix;
        refused(get(URI.create("/files/read" + query)), 404, "");
        refused(get(URI.create("/files/browse" + query)), 404, "");
        refused(get(URI.create("/files/download" + query)), 404, "404 Not Found.");
    }

    @Test
    void encodedDotsThatStayInsideTheTreeAreServed() throws Exception {
        // Proves the server decodes the query, so the refusals above are refusals of real "..".
        json(get(URI.create("/files/read?path=" + sandbox + "/sub/%2e%2e%2Fstdout&offset=0&length=5")))
                .andExpect(content().string("{\"data\":\"hello\",\"offset\":0}"));
    }

    @Test
    void dotsEncodedTwiceAreDecodedOnceAndStayNames() throws Exception {
        refused(get(URI.create("/files/read?path=" + sandbox + "/%252e%252e/%252e%252e/stdout")), 404, "");
    }

    // --- download ---

    @Test
    void downloadSendsTheFileAsAnAttachmentTypedByItsName() throws Exception {
        mvc.perform(query("/files/download", "path", sandbox + "/stdout"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/octet-stream"))
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"stdout\""))
                .andExpect(header().longValue("Content-Length", 12))
                .andExpect(content().string("hello\nworld\n"));

        byte[] gif = {0x47, 0x49, 0x46, 0x38, 0x37, 0x61, 0x01, 0x00, 0x01, 0x00, (byte) 0x91, 0x00, 0x3b};
        SandboxTree.write(tree.sandbox.resolve("black.gif"), gif);
        mvc.perform(query("/files/download.json", "path", sandbox + "/black.gif"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "image/gif"))
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"black.gif\""))
                .andExpect(content().bytes(gif));

        SandboxTree.write(tree.sandbox.resolve("notes.txt"), "n");
        mvc.perform(query("/files/download", "path", sandbox + "/notes.txt"))
                .andExpect(header().string("Content-Type", "text/plain"));
    }

    @Test
    void aNameThatIsNotAsciiIsEncodedInTheDisposition() throws Exception {
        SandboxTree.write(tree.sandbox.resolve("résumé"), "cv");
        mvc.perform(query("/files/download", "path", sandbox + "/résumé"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"resume\"; filename*=UTF-8''r%C3%A9sum%C3%A9"))
                .andExpect(content().string("cv"));
    }

    @Test
    void aDirectoryCannotBeDownloaded() throws Exception {
        refused(query("/files/download", "path", sandbox + "/sub"), 400, "Cannot download a directory.\n");
    }

    // --- debug ---

    @Test
    void debugShowsTheAttachedTree() throws Exception {
        json(get("/files/debug")).andExpect(content().string(
                "{\"" + tree.root + "\":\"" + tree.root.toRealPath() + "\"}"));
        mvc.perform(get("/files/debug.json").param("jsonp", "cb"))
                .andExpect(header().string("Content-Type", "text/javascript"))
                .andExpect(content().string("cb({\"" + tree.root + "\":\"" + tree.root.toRealPath() + "\"})"));
    }

    // --- helpers ---

    /** A request whose parameter is sent percent-encoded, as a browser sends it. */
    private static MockHttpServletRequestBuilder query(
            String endpoint, String name, String value) {
        return get(URI.create(endpoint + "?" + name + "=" + UriUtils.encodeQueryParam(value, StandardCharsets.UTF_8)));
    }

    private ResultActions json(RequestBuilder request) throws Exception {
        return mvc.perform(request)
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/json"));
    }

    private void refused(RequestBuilder request, int status, String body)
            throws Exception {
        mvc.perform(request)
                .andExpect(status().is(status))
                .andExpect(header().string("Content-Type", PLAIN))
                .andExpect(content().string(body));
    }
}
