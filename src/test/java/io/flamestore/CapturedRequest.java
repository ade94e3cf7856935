package io.flamestore;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One HTTP request captured from a real profiler ({@code testdata/ingest/<client>/NNNN.json} and its
 * {@code .body}), with naive helpers that read it independently of the code under test.
 */
record CapturedRequest(String name, String method, String path, String query, Map<String, String> headers, byte[] body) {
    /** The requests of one capture directory, in the order they were sent. */
    static List<CapturedRequest> load(Path dir) throws IOException {
        List<CapturedRequest> requests = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path json : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                Map<String, Object> meta = MiniJson.object(MiniJson.parse(Files.readString(json)));
                Map<String, String> headers = new LinkedHashMap<>();
                for (Object pair : MiniJson.list(meta.get("headers"))) {
                    List<Object> kv = MiniJson.list(pair);
                    headers.put((String) kv.get(0), (String) kv.get(1));
                }
                byte[] body = Files.readAllBytes(dir.resolve((String) meta.get("body_file")));
                requests.add(new CapturedRequest(json.getFileName().toString(), (String) meta.get("method"),
                        (String) meta.get("path"), (String) meta.get("query"), headers, body));
            }
        }
        return requests;
    }

    PyroscopeApi.Request toRequest() {
        return new PyroscopeApi.Request(method, path, query, headers, new ByteArrayInputStream(body));
    }

    String header(String wanted) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(wanted)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    /** The multipart parts by name, split at the boundary with plain string search; the raw body as "" otherwise. */
    Map<String, byte[]> parts() {
        String type = header("Content-Type");
        Map<String, byte[]> parts = new LinkedHashMap<>();
        if (type == null || !type.startsWith("multipart/form-data")) {
            parts.put("", body);
            return parts;
        }
        String text = new String(body, StandardCharsets.ISO_8859_1); // one char per byte, offsets kept
        String delimiter = "--" + type.substring(type.indexOf("boundary=") + "boundary=".length());
        String[] pieces = text.split(java.util.regex.Pattern.quote(delimiter));
        for (String piece : Arrays.asList(pieces).subList(1, pieces.length - 1)) {
            int headersEnd = piece.indexOf("\r\n\r\n");
            String head = piece.substring(0, headersEnd);
            String partName = head.replaceAll("(?s).*name=\"([^\"]*)\".*", "$1");
            parts.put(partName, piece.substring(headersEnd + 4, piece.length() - 2).getBytes(StandardCharsets.ISO_8859_1));
        }
        return parts;
    }
}
