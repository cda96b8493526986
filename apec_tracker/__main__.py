from apec_tracker.cli import main

main()
