"""The desk: the one page a support team keeps open (submit, browse, work tickets, numbers)."""
