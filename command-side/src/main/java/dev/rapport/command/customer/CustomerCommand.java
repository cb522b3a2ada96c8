package dev.rapport.command.customer;

/** A command addressed to one customer aggregate. */
public interface CustomerCommand {

    String customerId();
}
