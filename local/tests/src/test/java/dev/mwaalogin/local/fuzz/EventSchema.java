package dev.mwaalogin.local.fuzz;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the runtime's mapping expects where in an event, read off the event library's classes themselves (their
 * fields are the JSON properties): so the fuzzer can put values at every property, and the cross-check knows what a
 * property's JSON should have been. A field of a type not listed here fails loudly, so a new library version cannot
 * slip a property past either.
 */
record EventSchema(Kind kind, Map<String, EventSchema> properties) {

    enum Kind {
        STRING, BOOLEAN, INTEGER, STRING_LIST, STRING_MAP, STRING_LIST_MAP, FREE_FORM_MAP, OBJECT
    }

    private static final String EVENTS_PACKAGE = "com.amazonaws.services.lambda.runtime.events";

    static EventSchema of(Class<?> eventClass) {
        return of((Type) eventClass);
    }

    private static EventSchema of(Type type) {
        if (type == String.class) {
            return leaf(Kind.STRING);
        }
        if (type == boolean.class || type == Boolean.class) {
            return leaf(Kind.BOOLEAN);
        }
        if (type == long.class || type == Long.class) {
            return leaf(Kind.INTEGER);
        }
        if (type instanceof ParameterizedType generic) {
            Type[] args = generic.getActualTypeArguments();
            String shape = generic.getRawType().getTypeName() + args.length + args[args.length - 1].getTypeName();
            Kind leaf = switch (shape) {
                case "java.util.List1java.lang.String" -> Kind.STRING_LIST;
                case "java.util.Map2java.lang.String" -> Kind.STRING_MAP;
                case "java.util.Map2java.util.List<java.lang.String>" -> Kind.STRING_LIST_MAP;
                case "java.util.Map2java.lang.Object" -> Kind.FREE_FORM_MAP;
                default -> null;
            };
            if (leaf != null) {
                return leaf(leaf);
            }
        }
        if (type instanceof Class<?> nested && nested.getName().startsWith(EVENTS_PACKAGE)) {
            Map<String, EventSchema> properties = new LinkedHashMap<>();
            for (Field field : nested.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    properties.put(field.getName(), of(field.getGenericType()));
                }
            }
            return new EventSchema(Kind.OBJECT, properties);
        }
        throw new IllegalStateException("an event property of a type the fuzzers do not know: " + type);
    }

    private static EventSchema leaf(Kind kind) {
        return new EventSchema(kind, Map.of());
    }

    /** The schema of the property at a path, or null when there is none. */
    EventSchema at(List<String> path) {
        EventSchema schema = this;
        for (String name : path) {
            schema = schema == null ? null : schema.properties.get(name);
        }
        return schema;
    }

    /** Every property's path from the root, objects before what they hold. */
    List<List<String>> paths() {
        List<List<String>> paths = new ArrayList<>();
        collect(List.of(), paths);
        return paths;
    }

    private void collect(List<String> at, List<List<String>> paths) {
        properties.forEach((name, schema) -> {
            List<String> path = new ArrayList<>(at);
            path.add(name);
            paths.add(List.copyOf(path));
            schema.collect(path, paths);
        });
    }
}
