/** JMX support every module shares: MXBeans that describe themselves, and their registration. */
module dev.conduit.management {
    requires transitive java.management;

    exports dev.conduit.management;
}
