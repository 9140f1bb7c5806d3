"""Promotion's domain: the products it may promote and where they are promoted, the
producers' channels and value chains, the year's plan, outreach and support. No I/O."""
