package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flamestore.internal.proto.ProtoWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1development/profiles} with hand-built OTLP exports: names, labels, frames, and refusals. */
class OtlpUploadTest {
    private static final String PATH = "/v1development/profiles";
    private static final Map<String, String> PROTOBUF = Map.of("Content-Type", "application/x-protobuf");
    private static final List<String> STRINGS = List.of("", "cpu", "nanoseconds", "main", "handle", "order_car",
            "inlined_helper", "vehicle", "car", "bike", "bad key!", "weight");

    @TempDir
    Path dir;
    private Storage storage;
    private PyroscopeApi api;

    @BeforeEach
    void open() throws IOException {
        storage = Storage.open(dir);
        api = PyroscopeApi.builder().storage(storage).clock(Clock.fixed(Instant.ofEpochSecond(HttpApiTest.NOW), ZoneOffset.UTC))
                .build();
    }

    @AfterEach
    void close() throws IOException {
        api.close();
        storage.close();
    }

    @Test
    void serviceNameSampleTypeAndStringAttributesNameTheSeries() throws IOException {
        PyroscopeApi.Response response = post(PROTOBUF, export(2));
        assertEquals(200, response.status(), response.bodyText());
        assertEquals(0, response.body().length);
        assertEquals(List.of("ride-sharing-app.cpu"), storage.appNames());
        assertEquals(30, IngestReplayTest.total(storage, "ride-sharing-app.cpu{vehicle=\"car\"}"));
        assertEquals(10, IngestReplayTest.total(storage, "ride-sharing-app.cpu{vehicle=\"bike\"}"));
        assertEquals(50, IngestReplayTest.total(storage, "ride-sharing-app.cpu"));
        // Only string attributes whose names a key can carry become labels.
        assertEquals(java.util.Set.of("vehicle"), storage.labelNames(Query.parse("ride-sharing-app.cpu", 0, Query.MAX_EPOCH_SECONDS)));
        Tree tree = storage.get(Query.parse("ride-sharing-app.cpu", HttpApiTest.NOW - 10, HttpApiTest.NOW)).tree();
        assertEquals(40, tree.total("main;handle;inlined_helper;order_car"), tree.toFolded());
        assertEquals(10, tree.total("main;0x1234"), tree.toFolded());
        AppMetadata metadata = storage.metadata("ride-sharing-app.cpu");
        assertEquals("nanoseconds", metadata.units());
        assertEquals(100, metadata.sampleRate());
    }

    @Test
    void gzippedExportsAreInflatedAndResendsStoredOnce() throws IOException {
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
            out.write(export(2));
        }
        Map<String, String> headers = Map.of("Content-Type", "application/x-protobuf", "Content-Encoding", "gzip");
        assertEquals(200, post(headers, gzipped.toByteArray()).status());
        assertEquals(200, post(PROTOBUF, export(2)).status()); // the same export, sent uncompressed
        assertEquals(50, IngestReplayTest.total(storage, "ride-sharing-app.cpu"));
    }

    @Test
    void malformedExportsAreRefusedAndStoreNothing() throws IOException {
        byte[] good = export(2);
        assertRefused(400, PROTOBUF, Arrays.copyOf(good, good.length - 3), "offset");
        assertRefused(400, PROTOBUF, "this is not protobuf at all".getBytes(StandardCharsets.UTF_8), "offset");
        assertRefused(400, PROTOBUF, export(9), "stack 9");
        assertRefused(400, Map.of("Content-Encoding", "gzip"), good, "gzip");
        assertRefused(415, Map.of("Content-Type", "application/json"), good, "application/json");
    }

    private void assertRefused(int status, Map<String, String> headers, byte[] body, String named) throws IOException {
        PyroscopeApi.Response response = post(headers, body);
        assertEquals(status, response.status(), response.bodyText());
        assertTrue(response.bodyText().contains(named), response.bodyText());
        assertEquals(List.of(), storage.appNames());
    }

    private PyroscopeApi.Response post(Map<String, String> headers, byte[] body) {
        return HttpApiTest.call(api, "POST", PATH, headers, body);
    }

    /**
     * One profile of service {@code ride-sharing-app}, cpu/nanoseconds every 10 ms, whose samples use
     * the stacks 1 (order_car under an inlined helper) and {@code secondStack}; the dictionary comes
     * after the profiles that refer to it.
     */
    private static byte[] export(int secondStack) {
        ProtoWriter dictionary = new ProtoWriter().message(1, new ProtoWriter());
        dictionary.message(2, new ProtoWriter()) // locations: 1 main, 2 inlined_helper in handle, 3 order_car, 4 no symbol
                .message(2, new ProtoWriter().message(3, new ProtoWriter().varint(1, 1)))
                .message(2, new ProtoWriter().message(3, new ProtoWriter().varint(1, 4)).message(3, new ProtoWriter().varint(1, 2)))
                .message(2, new ProtoWriter().message(3, new ProtoWriter().varint(1, 3)))
                .message(2, new ProtoWriter().varint(2, 0x1234));
        for (int name : new int[] {0, 3, 4, 5, 6}) {
            dictionary.message(3, new ProtoWriter().varint(1, name));
        }
        STRINGS.forEach(s -> dictionary.string(5, s));
        dictionary.message(6, new ProtoWriter())
                .message(6, attribute(7, new ProtoWriter().string(1, "car")))
                .message(6, attribute(7, new ProtoWriter().string(1, "bike")))
                .message(6, attribute(10, new ProtoWriter().string(1, "x")))
                .message(6, attribute(11, new ProtoWriter().varint(3, 5)));
        dictionary.message(7, new ProtoWriter())
                .message(7, new ProtoWriter().packedVarints(1, new long[] {3, 2, 1}, 3))
                .message(7, new ProtoWriter().varint(1, 4).varint(1, 1)); // unpacked, as writers may
        ProtoWriter cpu = new ProtoWriter().varint(1, 1).varint(2, 2);
        ProtoWriter profile = new ProtoWriter().message(1, cpu)
                .message(2, new ProtoWriter().varint(1, 1).varint(2, 1).varint(4, 30))
                .message(2, new ProtoWriter().varint(1, 1).packedVarints(2, new long[] {2}, 1).packedVarints(4, new long[] {5, 5}, 2))
                .message(2, new ProtoWriter().varint(1, secondStack).varint(4, 7))
                .message(2, new ProtoWriter().varint(1, 2).packedVarints(2, new long[] {3, 4}, 2).varint(4, 3))
                .message(5, cpu).varint(6, 10_000_000);
        ProtoWriter resource = new ProtoWriter().message(1, new ProtoWriter().string(1, "service.name")
                .message(2, new ProtoWriter().string(1, "ride-sharing-app")));
        ProtoWriter resourceProfiles = new ProtoWriter().message(1, resource)
                .message(2, new ProtoWriter().message(2, profile));
        return new ProtoWriter().message(1, resourceProfiles).message(2, dictionary).toByteArray();
    }

    private static ProtoWriter attribute(int key, ProtoWriter value) {
        return new ProtoWriter().varint(1, key).message(2, value);
    }
}
