package io.gatekeep.local;

import java.util.List;

/** A demo account the local stack seeds. Development passwords, printed on purpose. */
record DemoAccount(String email, String displayName, String role, String password) {

    static final String ORGANIZATION = "Demo Org";

    static final DemoAccount OWNER =
            new DemoAccount("owner@demo.gatekeep.local", "Olivia Owner", "OWNER", "Demo-Owner-Passw0rd!");

    static final List<DemoAccount> INVITED = List.of(
            new DemoAccount("admin@demo.gatekeep.local", "Adam Admin", "ADMIN", "Demo-Admin-Passw0rd!"),
            new DemoAccount("alice@demo.gatekeep.local", "Alice Member", "MEMBER", "Demo-Alice-Passw0rd!"),
            new DemoAccount("bob@demo.gatekeep.local", "Bob Member", "MEMBER", "Demo-Bob-Passw0rd!"));

    static List<DemoAccount> all() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(OWNER), INVITED.stream())
                .toList();
    }
}
