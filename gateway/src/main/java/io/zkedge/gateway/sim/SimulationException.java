package io.zkedge.gateway.sim;

/** A simulator worker failed: the prover module broke or the sink threw. */
public final class SimulationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SimulationException(String message, Throwable cause) {
        super(message, cause);
    }
}
