package io.mpaas.master.registry;

/** The contract on the in-memory registry used by scenario tests. */
class InMemoryRegistryTest extends RegistryContract {

    @Override
    Registry registry() {
        return new InMemoryRegistry();
    }
}
