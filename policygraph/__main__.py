from policygraph.app import main

main()
