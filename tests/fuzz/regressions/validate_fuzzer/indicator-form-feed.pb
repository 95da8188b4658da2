secretariat
2.15.0000"5