package io.mpaas.protocol.json;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import tools.jackson.core.Version;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedConstructor;
import tools.jackson.databind.introspect.AnnotatedWithParams;

/**
 * A Jackson module that calls a record's canonical constructor (any constructor taking its
 * properties, even just one such as {@code TaskId(value)}) through a method handle that spreads the
 * argument array, made once per type. Jackson 3 calls such constructors with
 * {@code MethodHandle.invokeWithArguments}, which builds a spreading adapter (method types, lambda
 * forms) on every call: in the launch benchmark that was 5-10 % of the
 * master's CPU, for every call and status update read, as much in marathon and the agents, and a
 * quarter of the simulated agents' allocation. Same constructor, same arguments,
 * same exceptions (wrapped by Jackson as before); types whose constructor this module cannot reach
 * keep Jackson's own instantiation.
 */
public final class CreatorHandles extends JacksonModule {

    @Override
    public String getModuleName() {
        return "mpaas-creator-handles";
    }

    @Override
    public Version version() {
        return Version.unknownVersion();
    }

    @Override
    public void setupModule(SetupContext context) {
        context.addValueInstantiators(new ValueInstantiators.Base() {
            @Override
            public ValueInstantiator modifyValueInstantiator(DeserializationConfig config,
                    BeanDescription.Supplier description, ValueInstantiator instantiator) {
                return spread(instantiator);
            }
        });
    }

    /** {@code instantiator} with its property-based constructor called through a spreading handle, if it has one. */
    static ValueInstantiator spread(ValueInstantiator instantiator) {
        if (instantiator == null || instantiator.getClass() != StdValueInstantiator.class) {
            return instantiator;
        }
        StdValueInstantiator standard = (StdValueInstantiator) instantiator;
        AnnotatedWithParams creator = standard.getWithArgsCreator();
        if (!(creator instanceof AnnotatedConstructor annotated) || annotated.getParameterCount() < 1) {
            return instantiator;
        }
        Constructor<?> constructor = annotated.getAnnotated();
        int arity = constructor.getParameterCount();
        MethodHandle handle;
        try {
            // Jackson has made the constructor accessible where it may; where it could not, neither can we.
            handle = MethodHandles.lookup().unreflectConstructor(constructor)
                    .asType(MethodType.genericMethodType(arity))
                    .asSpreader(Object[].class, arity);
        } catch (IllegalAccessException | RuntimeException e) {
            return instantiator;
        }
        return new Spreading(standard, handle);
    }

    /** The standard instantiator, but for the call of its property-based constructor. */
    static final class Spreading extends StdValueInstantiator {

        private final MethodHandle constructor;

        Spreading(StdValueInstantiator standard, MethodHandle constructor) {
            super(standard);
            this.constructor = constructor;
        }

        @Override
        public Object createFromObjectWith(DeserializationContext context, Object[] arguments) {
            try {
                return (Object) constructor.invokeExact(arguments);
            } catch (Exception e) {
                // As StdValueInstantiator does with what the constructor throws.
                return context.handleInstantiationProblem(_valueClass, arguments, rewrapCtorProblem(context, e));
            } catch (Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
    }
}
