"""The pure scoring engine: statistics, departments and anonymity, findings rules."""
