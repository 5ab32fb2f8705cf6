from govlint.cli import main

raise SystemExit(main())
