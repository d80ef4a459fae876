package io.mpaas.protocol.json;

import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.deser.jackson.JsonNodeDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * A Jackson module under which a JSON {@code null} in a field typed {@link JsonNode} (the parts of
 * Mesos's messages kept as trees: a resource's {@code disk}, {@code revocable}, {@code shared}, a
 * task's {@code check}, ...) reads as Java {@code null}, exactly as when the field is absent.
 * Jackson reads it as a {@code NullNode} otherwise, and a resource with {@code "revocable": null}
 * then counted as revocable: clients that write every field of a message, set or not (the npm
 * {@code mesos-framework} library does, from its protobuf objects), had every task refused for using
 * resources the offer did not hold. Whole documents read as trees keep their {@code NullNode}s.
 */
public final class NullsAsAbsent extends SimpleModule {

    public NullsAsAbsent() {
        super("mpaas-nulls-as-absent");
        addDeserializer(JsonNode.class, new AbsentWhenNull());
    }

    /** Jackson's tree deserializer, but a {@code null} value is no node at all. */
    private static final class AbsentWhenNull extends JsonNodeDeserializer {

        @Override
        public JsonNode getNullValue(DeserializationContext ctxt) {
            return null;
        }
    }
}
