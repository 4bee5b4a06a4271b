/**
 * The control channel between the supervisor and its workers: a Unix-domain socket under
 * {@code $CONDUIT_HOME/run} on which workers say who they are, when they serve and that they are
 * alive, and the supervisor hands a worker's traffic over to its successor. Both ends live here, so
 * the protocol is written down once.
 */
module dev.conduit.control {
    requires org.slf4j;

    exports dev.conduit.control;
}
