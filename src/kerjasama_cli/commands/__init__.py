"""The subcommands, grouped by what they do; each module registers its commands on the app."""
