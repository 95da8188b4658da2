secretariat
1.1
๕.๐ก"10